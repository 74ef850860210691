using System.Net;
using System.Text;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Workshops;

public abstract class InvitationPageTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : InvitationPageTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : InvitationPageTests(app);

    /// <summary>A series for NAO with a link and workshop 1 booked for 10 March 2026 at 9.00 Finnish time.</summary>
    private async Task<(HttpClient Facilitator, Guid SeriesId, Guid WorkshopId)> BookedSeries(bool book = true)
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var seriesId = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Kutsusarja"), "NAO");
        var workshop = await app.Workshop(seriesId, 1);
        if (book)
        {
            var booked = await facilitator.PostForm($"/Workshops/Workshop/{workshop.Id}", new()
            {
                ["Input.Title"] = workshop.Title, ["Input.Topic"] = workshop.Topic, ["Input.Goal"] = workshop.Goal,
                ["Input.Date"] = "2026-03-10", ["Input.Time"] = "09:00", ["Input.Duration"] = "180", ["Input.Version"] = workshop.Version.ToString(),
            });
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        }
        var series = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().SingleAsync(s => s.Id == seriesId));
        var saved = await facilitator.PostForm($"/Workshops/Invitation/{workshop.Id}", new()
        {
            ["Input.Subject"] = series.InvitationSubject, ["Input.Template"] = series.InvitationTemplate,
            ["Input.Link"] = "https://teams.example.fi/meet/123", ["Input.Version"] = series.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (facilitator, seriesId, workshop.Id);
    }

    [Fact]
    public async Task The_invitation_fills_every_placeholder_of_the_text_the_subject_and_the_welcome_message()
    {
        var (facilitator, seriesId, workshopId) = await BookedSeries();

        var page = await facilitator.GetHtml($"/Workshops/Invitation/{workshopId}");

        var text = page.QuerySelector("textarea#invitation-text")!;
        Assert.True(text.HasAttribute("readonly"));
        Assert.NotNull(page.QuerySelector("label[for='invitation-text']"));
        var invitation = text.TextContent;
        Assert.DoesNotContain("{", invitation);
        Assert.Contains("Palvelulinja: Neuvonta, asiakasohjaus ja palvelutarpeen arviointi", invitation);
        Assert.Contains("Työpaja: Ensimmäisen aallon käyttötapaukset", invitation);
        Assert.Contains("Aihe: Chat, kiireettömät viestit ja lomakkeet", invitation);
        Assert.Contains("Tavoite: Työpajan jälkeen", invitation);
        Assert.Contains("Linkki työpajaan: https://teams.example.fi/meet/123", invitation);
        Assert.Contains("Terveisin Fanni Fasilitaattori", invitation);
        var subject = page.QuerySelector("#invitation-subject")!.TextContent;
        Assert.Equal("Ensimmäisen aallon käyttötapaukset, kohderyhmät ja vaiheistus, Neuvonta, asiakasohjaus ja palvelutarpeen arviointi", subject);
        var welcome = page.QuerySelector("textarea#welcome-text")!.TextContent;
        Assert.DoesNotContain("{", welcome);
        Assert.Contains($"/Workshops/Series/{seriesId}", welcome);
        Assert.Contains("Neuvonta, asiakasohjaus", welcome);
        Assert.Contains("10.3.2026 klo 9.00–12.00", page.QuerySelector("dl.facts")!.TextContent);

        // The copy button is an enhancement: hidden until the external script finds a clipboard, with a live region to announce the copy.
        var copy = page.QuerySelector("button[data-copy='invitation-text']")!;
        Assert.True(copy.HasAttribute("hidden"));
        Assert.Equal("polite", page.QuerySelector($"#{copy.GetAttribute("data-copy-status")}")?.GetAttribute("aria-live"));
        Assert.NotNull(page.QuerySelector("script[type=module][src^='/js/copy.js']"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));

        // Participants of the series read the same invitation, signed with their own name, but cannot edit the template.
        var email = await app.CreateUser(WorkshopSteps.West, Digipaja.Web.Accounts.Role.Participant);
        await facilitator.Invite(seriesId, await app.UserId(email));
        var participantPage = await (await app.SignedIn(email)).GetHtml($"/Workshops/Invitation/{workshopId}");
        Assert.Contains("Terveisin Testi Käyttäjä", participantPage.QuerySelector("#invitation-text")!.TextContent);
        Assert.Null(participantPage.QuerySelector("#Input_Template"));
    }

    [Fact]
    public async Task The_calendar_download_is_a_valid_icalendar_event_in_utc()
    {
        var (facilitator, _, workshopId) = await BookedSeries();
        var link = (await facilitator.GetHtml($"/Workshops/Invitation/{workshopId}")).QuerySelector("a[href$='handler=Calendar']");
        Assert.NotNull(link);

        var response = await facilitator.GetAsync(link!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1-ensimmaisen-aallon-kayttotapaukset-kohderyhmat-ja-vaiheistus.ics", response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var ics = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var lines = ics.Split("\r\n")[..^1];
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' ')); // the long description is folded
        Assert.Contains("DTSTART:20260310T070000Z", lines);
        Assert.Contains("DTEND:20260310T100000Z", lines);
        Assert.Contains($"UID:{workshopId}@digipaja", lines);
        Assert.Contains("LOCATION:https://teams.example.fi/meet/123", lines);
        var unfolded = ics.Replace("\r\n ", "");
        Assert.Contains("SUMMARY:Ensimmäisen aallon käyttötapaukset\\, kohderyhmät ja vaiheistus\\, Neuvonta\\, asiakasohjaus", unfolded);
        Assert.Contains("Terveisin Fanni Fasilitaattori", unfolded);
    }

    [Fact]
    public async Task Without_a_date_the_calendar_download_is_replaced_by_an_explanation()
    {
        var (facilitator, _, workshopId) = await BookedSeries(book: false);

        var page = await facilitator.GetHtml($"/Workshops/Invitation/{workshopId}");

        Assert.Null(page.QuerySelector("a[href*='handler=Calendar']"));
        Assert.Contains("ei ole varattu aikaa", page.QuerySelector("#ics-unavailable")?.TextContent);
        Assert.NotNull(page.QuerySelector($"#ics-unavailable a[href='/Workshops/Workshop/{workshopId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/Workshops/Invitation/{workshopId}?handler=Calendar")).StatusCode);
    }

    [Fact]
    public async Task A_facilitator_edits_the_invitation_template_but_not_from_a_stale_version_nor_with_an_unknown_placeholder()
    {
        var (facilitator, seriesId, workshopId) = await BookedSeries(book: false);
        var url = $"/Workshops/Invitation/{workshopId}";
        var series = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().SingleAsync(s => s.Id == seriesId));
        var page = await facilitator.GetHtml(url);
        Assert.Equal(6, page.QuerySelectorAll("#template li code").Length);

        var saved = await facilitator.PostForm(url, new()
        {
            ["Input.Subject"] = "Kutsu: {workshop}", ["Input.Template"] = "Hei!\r\nTervetuloa työpajaan {workshop} ({serviceLine}).\r\n{sender}",
            ["Input.Link"] = "Sali 2", ["Input.Version"] = series.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await facilitator.GetHtml(url);
        Assert.Equal("Hei!\nTervetuloa työpajaan Ensimmäisen aallon käyttötapaukset, kohderyhmät ja vaiheistus (Neuvonta, asiakasohjaus ja palvelutarpeen arviointi).\nFanni Fasilitaattori",
            page.QuerySelector("#invitation-text")!.TextContent.Trim());
        Assert.StartsWith("Kutsu: Ensimmäisen aallon", page.QuerySelector("#invitation-subject")!.TextContent);

        var stale = await facilitator.PostForm(url, new()
        {
            ["Input.Subject"] = "Myöhässä", ["Input.Template"] = "Myöhässä", ["Input.Version"] = series.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Kutsu: {workshop}", (await stale.Html()).QuerySelector("section.conflict")?.TextContent);

        var current = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().SingleAsync(s => s.Id == seriesId));
        var unknown = await facilitator.PostForm(url, new()
        {
            ["Input.Subject"] = "{workshop}", ["Input.Template"] = "Hei {nimi}!", ["Input.Version"] = current.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("{nimi}", (await unknown.Html()).QuerySelector("#Input_Template-error")?.TextContent);

        var stored = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().SingleAsync(s => s.Id == seriesId));
        Assert.Equal(("Kutsu: {workshop}", "Sali 2"), (stored.InvitationSubject, stored.Link));
        Assert.Equal(current.Version, stored.Version);
    }
}
