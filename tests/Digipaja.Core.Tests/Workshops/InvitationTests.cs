using System.Text;
using Digipaja.Core.Workshops;

namespace Digipaja.Core.Tests.Workshops;

public sealed class InvitationTests
{
    private static readonly Invitation.Values Values = new("Kotona asumisen tuki", "Työpaja 1", "Chat ja lomakkeet",
        "Työpajan jälkeen olemme kuvanneet käyttötapaukset.", "https://meet.example.fi/abc", "Fanni Fasilitaattori");

    [Fact]
    public void Every_placeholder_is_filled_in_wherever_it_appears()
    {
        var template = string.Join(" ", Invitation.Placeholders) + "\n" + string.Join("|", Invitation.Placeholders.Reverse());

        var text = Invitation.Fill(template, Values);

        Assert.DoesNotContain("{", text);
        Assert.Equal(
            "Kotona asumisen tuki Työpaja 1 Chat ja lomakkeet Työpajan jälkeen olemme kuvanneet käyttötapaukset. https://meet.example.fi/abc Fanni Fasilitaattori\n"
            + "Fanni Fasilitaattori|https://meet.example.fi/abc|Työpajan jälkeen olemme kuvanneet käyttötapaukset.|Chat ja lomakkeet|Työpaja 1|Kotona asumisen tuki",
            text);
    }

    [Fact]
    public void Text_without_placeholders_stays_as_it_is() =>
        Assert.Equal("Tervetuloa {ei-paikkamerkki}", Invitation.Fill("Tervetuloa {ei-paikkamerkki}", Values));

    [Fact]
    public void A_value_that_looks_like_a_placeholder_is_kept_as_written() =>
        Assert.Equal("Työpaja {goal}: tavoite", Invitation.Fill("{workshop}: {goal}", Values with { Workshop = "Työpaja {goal}", Goal = "tavoite" }));

    [Fact]
    public void Words_in_braces_that_are_not_placeholders_are_named_once_each() =>
        Assert.Equal(["{linkki}", "{}"], Invitation.UnknownPlaceholders("{workshop} {linkki} {goal} {linkki} {} {ei välilyöntejä}"));

    [Fact]
    public void A_template_of_known_placeholders_only_has_none_unknown()
    {
        Assert.Empty(Invitation.UnknownPlaceholders(string.Join(" ", Invitation.Placeholders)));
        Assert.Empty(Invitation.UnknownPlaceholders(null));
    }

    [Fact]
    public void Posted_crlf_line_breaks_are_stored_as_lf() =>
        Assert.Equal("Hei\n\nTervetuloa", Invitation.NormalizeLineBreaks("Hei\r\n\r\nTervetuloa"));

    [Theory]
    [InlineData(1, "Ensimmäisen aallon käyttötapaukset, kohderyhmät ja vaiheistus", "1-ensimmaisen-aallon-kayttotapaukset-kohderyhmat-ja-vaiheistus.ics")]
    [InlineData(2, "  Työpaja: Ålands öar!  ", "2-tyopaja-alands-oar.ics")]
    [InlineData(3, "€ 🙂 ", "3-workshop.ics")]
    public void The_calendar_file_is_named_by_number_and_title_in_plain_ascii(int number, string title, string name) =>
        Assert.Equal(name, Invitation.CalendarFileName(number, title));

    [Fact]
    public void A_long_title_is_cut_to_sixty_characters_without_a_dash_at_the_end()
    {
        var name = Invitation.CalendarFileName(4, string.Concat(Enumerable.Repeat("abcdefghi ", 10)));

        Assert.Equal("4-" + string.Join("-", Enumerable.Repeat("abcdefghi", 6)) + ".ics", name);
    }

    [Fact]
    public void A_lone_carriage_return_becomes_an_escaped_line_break() =>
        Assert.Contains("DESCRIPTION:eka\\ntoka", Event(description: "eka\rtoka").Replace("\r\n ", ""));

    private static string Event(string summary = "Työpaja 1", string description = "Kuvaus", string location = "Sali 2") =>
        Invitation.Calendar(Guid.Parse("0190f1c2-0000-7000-8000-000000000001"), summary, description, location,
            new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc), 180, new DateTime(2026, 2, 1, 12, 30, 0, DateTimeKind.Utc));

    [Fact]
    public void The_calendar_event_is_a_vcalendar_with_utc_start_and_end()
    {
        var lines = Event().Split("\r\n");

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("BEGIN:VEVENT", lines);
        Assert.Contains("UID:0190f1c2-0000-7000-8000-000000000001@digipaja", lines);
        Assert.Contains("DTSTAMP:20260201T123000Z", lines);
        Assert.Contains("DTSTART:20260310T070000Z", lines);
        Assert.Contains("DTEND:20260310T100000Z", lines);
        Assert.Contains("LOCATION:Sali 2", lines);
        Assert.Equal(["END:VEVENT", "END:VCALENDAR", ""], lines[^3..]);
    }

    [Fact]
    public void Every_line_ends_with_crlf()
    {
        var ics = Event(description: "Rivi yksi\nrivi kaksi\r\nrivi kolme");
        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", ics.Replace("\r\n", ""));
    }

    [Fact]
    public void Commas_semicolons_backslashes_and_line_breaks_are_escaped()
    {
        var lines = Event(summary: "A, B; C\\D", description: "yksi\nkaksi").Split("\r\n");
        Assert.Contains("SUMMARY:A\\, B\\; C\\\\D", lines);
        Assert.Contains("DESCRIPTION:yksi\\nkaksi", lines);
    }

    [Fact]
    public void An_empty_location_is_left_out() =>
        Assert.DoesNotContain("LOCATION", Event(location: ""));

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_splitting_a_character()
    {
        // Two-, three- and four-byte UTF-8 characters, so that a fold would fall inside one if counted wrong.
        var description = string.Concat(Enumerable.Repeat("Työpajan jälkeen € 🙂 olemme valmiita. ", 12));

        var ics = Event(description: description);
        var lines = ics.Split("\r\n")[..^1];

        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)));
        // Unfolding (RFC 5545 3.1: remove CRLF followed by one space) gives back the original line.
        var unfolded = ics.Replace("\r\n ", "").Split("\r\n");
        Assert.Contains("DESCRIPTION:" + description, unfolded);
    }
}
