using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Digipaja.Browser.Tests.Infrastructure;
using Digipaja.Web.Localization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// The toolkit's first workshop, end to end, as new users would run it: a facilitator sets up a series for one
/// service line, books and invites, runs an individual ideation, and three participants fill in every section of
/// the chat worksheet in their own browsers, with the keyboard where a keyboard user would. Every page on the way
/// passes axe's WCAG 2.1 A and AA rules.
/// </summary>
public sealed class WorkshopWalkthroughTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    private static readonly Texts Texts = new();

    /// <summary>A text of the user interface in Finnish, the language the app opens in.</summary>
    private static string T(string key, params object[] args) =>
        string.Format(CultureInfo.GetCultureInfo("fi"), Texts.Get("fi", key), args);

    private sealed record Person(string Name, string Email)
    {
        public DemoUser User => new(Email, "Participant", DemoUsers.WestUusimaa);
    }

    [Fact]
    public async Task Facilitator_and_three_participants_run_the_first_workshop_of_a_series_end_to_end()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var pekka = new Person("Pekka Osallistuja", DemoUsers.Participant.Email);
        var outi = new Person($"Outi Ohjaaja {run}", $"outi.{run}@lansi-uusimaa.demo");
        var sami = new Person($"Sami Sairaanhoitaja {run}", $"sami.{run}@lansi-uusimaa.demo");
        var seriesName = $"KAT: ensimmäinen aalto {run}";
        const string workshopLink = "https://teams.example/kat-tyopaja-1";

        IPage facilitator = null!, pekkaPage = null!, outiPage = null!, samiPage = null!;
        string sheetUrl = "", basicsTitle = "";
        var rows = new List<string>();

        await Step("The administrator adds two participants in /Admin/Users", async () =>
        {
            var admin = await PageAsync(DemoUsers.Administrator);
            await admin.GotoAsync("/Admin/Users");
            foreach (var person in new[] { outi, sami })
            {
                await admin.Locator("#Input_DisplayName").FillAsync(person.Name);
                await admin.Locator("#Input_Email").FillAsync(person.Email);
                await admin.Locator("#Input_Role").SelectOptionAsync("Participant");
                await admin.Locator("#Input_Password").FillAsync(DemoUser.Password);
                await admin.Locator("form[aria-labelledby='add-title'] button[type=submit]").ClickAsync();
                await Expect(admin.Locator(".notice")).ToContainTextAsync(person.Name);
                await Expect(admin.Locator("table.data")).ToContainTextAsync(person.Email);
            }
        });

        await Step("The facilitator creates a series for KAT with chat, messages and forms", async () =>
        {
            facilitator = await PageAsync(DemoUsers.Facilitator);
            await facilitator.GotoAsync("/Workshops");
            await facilitator.AssertNoViolationsAsync("/Workshops");
            await facilitator.GetByRole(AriaRole.Link, new() { Name = T("series.new.title"), Exact = true }).ClickAsync();
            await Expect(facilitator).ToHaveURLAsync(new Regex("/Workshops/New$"));
            await facilitator.AssertNoViolationsAsync("/Workshops/New");

            // Checkboxes are ticked with the space bar, as a keyboard user does.
            var line = facilitator.GetByLabel("Kotona asumisen tuki");
            await line.FocusAsync();
            await facilitator.Keyboard.PressAsync("Space");
            await Expect(line).ToBeCheckedAsync();
            foreach (var box in await facilitator.Locator("input[name='Input.FunctionalityKeys']").AllAsync())
            {
                var wanted = await box.GetAttributeAsync("value") is "chat" or "messages" or "forms";
                if (await box.IsCheckedAsync() != wanted)
                {
                    await box.FocusAsync();
                    await facilitator.Keyboard.PressAsync("Space");
                }
                await Expect(box).ToBeCheckedAsync(new() { Checked = wanted });
            }
            await facilitator.Locator("#Input_Name").FillAsync(seriesName);
            await facilitator.GetByRole(AriaRole.Button, new() { Name = T("series.new.submit") }).ClickAsync();

            await Expect(facilitator.Locator("main h1")).ToHaveTextAsync(seriesName);
            await Expect(facilitator.Locator(".notice")).ToContainTextAsync(T("series.notice.created", seriesName));
            await Expect(facilitator.Locator("#worksheets .link-list").First.GetByRole(AriaRole.Link))
                .ToHaveTextAsync(["Chat", "Kiireettömät viestit", "Lomakkeet"]);
        });

        string workshopTitle = "";
        await Step("The facilitator books workshop 1 on its page", async () =>
        {
            var firstCard = facilitator.Locator("#workshops .card").First;
            workshopTitle = (await firstCard.Locator("h3").TextContentAsync())!.Split(": ", 2)[1];
            await firstCard.GetByRole(AriaRole.Link, new() { NameRegex = Named(T("workshop.edit"), workshopTitle) }).ClickAsync();
            await Expect(facilitator.Locator("main h1")).ToHaveTextAsync(T("workshop.edit_title", 1));

            await facilitator.Locator("#Input_Date").FillAsync("2026-09-15");
            await facilitator.Locator("#Input_Time").FillAsync("09:00");
            await facilitator.Locator("form[aria-labelledby='details-title'] button[type=submit]").ClickAsync();

            await Expect(facilitator.Locator(".notice")).ToContainTextAsync(T("workshop.notice.saved", workshopTitle));
            await Expect(facilitator.Locator("#Input_Date")).ToHaveValueAsync("2026-09-15");
            await facilitator.AssertNoViolationsAsync("the workshop edit page");
        });

        await Step("The facilitator invites three participants on the series page", async () =>
        {
            await facilitator.GetByRole(AriaRole.Link, new() { Name = T("workshop.back_to_series") }).ClickAsync();
            foreach (var person in new[] { pekka, outi, sami })
            {
                await facilitator.Locator("#Invite_UserId").SelectOptionAsync(new SelectOptionValue { Label = $"{person.Name} ({person.Email})" });
                await Expect(facilitator.Locator("#Invite_Role")).ToHaveValueAsync("Participant");
                await facilitator.Locator("form[aria-labelledby='invite-title'] button[type=submit]").ClickAsync();
                await Expect(facilitator.Locator("#members table")).ToContainTextAsync(person.Name);
            }
            await Expect(facilitator.Locator("#members tbody tr", new() { HasText = T("series.role.participant") })).ToHaveCountAsync(3);
            await Expect(facilitator.Locator("#workshops .card").First).ToContainTextAsync("15.9.2026");
            await facilitator.AssertNoViolationsAsync("the series page");
        });

        await Step("The invitation shows the filled text and the calendar file", async () =>
        {
            await facilitator.GetByRole(AriaRole.Link, new() { NameRegex = Named(T("workshop.invitation"), workshopTitle) }).ClickAsync();
            await facilitator.Locator("#Input_Link").FillAsync(workshopLink);
            await facilitator.Locator("#template form button[type=submit]").ClickAsync();
            await Expect(facilitator.Locator(".notice")).ToHaveTextAsync(T("series.invitation.notice.saved"));

            // The booked time is shown beside the text and carried by the calendar file.
            await Expect(facilitator.Locator("dl.facts")).ToContainTextAsync("15.9.2026");
            var text = facilitator.Locator("#invitation-text");
            await Expect(text).ToHaveValueAsync(new Regex("Kotona asumisen tuki"));
            await Expect(text).ToHaveValueAsync(new Regex(Regex.Escape(workshopTitle)));
            await Expect(text).ToHaveValueAsync(new Regex(Regex.Escape(workshopLink)));
            await Expect(text).Not.ToHaveValueAsync(new Regex(@"\{[a-z_]+\}"));

            var ics = facilitator.GetByRole(AriaRole.Link, new() { Name = T("workshop.invitation.download_ics") });
            await Expect(ics).ToBeVisibleAsync();
            var calendar = await facilitator.APIRequest.GetAsync((await ics.GetAttributeAsync("href"))!);
            Assert.True(calendar.Ok, $"The .ics link answered {calendar.Status}.");
            var ical = await calendar.TextAsync();
            Assert.Contains("BEGIN:VCALENDAR", ical);
            Assert.Contains("DTSTART", ical);
            Assert.Contains("20260915", ical);
            await facilitator.AssertNoViolationsAsync("the invitation page");
        });

        await Step("The facilitator opens the chat worksheet and starts an individual ideation for section 1", async () =>
        {
            await facilitator.GetByRole(AriaRole.Link, new() { Name = seriesName }).ClickAsync();
            await facilitator.Locator("#worksheets").GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
            await Expect(facilitator.Locator("main h1")).ToHaveTextAsync("Chat");
            sheetUrl = new Uri(facilitator.Url).AbsolutePath;
            basicsTitle = (await facilitator.Locator("#s-basics-title").TextContentAsync())!.Trim();

            var section = facilitator.Locator("#s-basics");
            await section.Locator(".facilitator-tools > summary").ClickAsync();
            await section.GetByLabel(T("worksheet.ideation_minutes_label")).FillAsync("5");
            await section.GetByRole(AriaRole.Button, new() { NameRegex = Named(T("worksheet.start_ideation"), basicsTitle) }).ClickAsync();
            await Expect(facilitator.Locator(".ideation-banner")).ToContainTextAsync(T("worksheet.ideation_running", basicsTitle));
        });

        const string privateNote = "Asiakas kysyy chatissa, milloin kotihoidon käynti alkaa";
        await Step("A participant finds the worksheet and adds a private note with the keyboard only", async () =>
        {
            pekkaPage = await SignedInPageAsync(pekka);
            await pekkaPage.GetByRole(AriaRole.Link, new() { Name = "Työpajat", Exact = true }).ClickAsync();
            await pekkaPage.GetByRole(AriaRole.Link, new() { Name = seriesName }).ClickAsync();
            await pekkaPage.Locator("#worksheets").GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
            await Expect(pekkaPage.Locator(".ideation-banner")).ToContainTextAsync(T("worksheet.ideation_private"));

            await TabUntilFocusedAsync(pekkaPage, pekkaPage.Locator("#add-use-cases-before-text"));
            await pekkaPage.Keyboard.TypeAsync(privateNote);
            var add = pekkaPage.Locator("#c-use-cases-before form.note-form--add button[type=submit]");
            await TabUntilFocusedAsync(pekkaPage, add, limit: 3);
            await pekkaPage.Keyboard.PressAsync("Enter");

            var note = Note(pekkaPage, "use-cases-before", privateNote);
            await Expect(note).ToBeVisibleAsync();
            await Expect(note.Locator("[data-f='private']")).ToHaveTextAsync(T("worksheet.private_badge"));
        });

        await Step("Nobody else sees the note until the facilitator reveals it", async () =>
        {
            outiPage = await SignedInPageAsync(outi);
            await outiPage.GotoAsync(sheetUrl);
            await Expect(outiPage.Locator(".ideation-banner")).ToBeVisibleAsync();
            await Expect(outiPage.Locator("#c-use-cases-before")).Not.ToContainTextAsync(privateNote);
            await facilitator.ReloadAsync();
            await Expect(facilitator.Locator("#c-use-cases-before")).Not.ToContainTextAsync(privateNote);

            await facilitator.GetByRole(AriaRole.Button, new() { Name = T("worksheet.reveal") }).ClickAsync();
            await Expect(facilitator.Locator(".ideation-banner")).ToHaveCountAsync(0);
            await Expect(Note(facilitator, "use-cases-before", privateNote)).ToBeVisibleAsync();

            await outiPage.ReloadAsync();
            await Expect(outiPage.Locator(".ideation-banner")).ToHaveCountAsync(0);
            await Expect(Note(outiPage, "use-cases-before", privateNote)).ToBeVisibleAsync();
            await Expect(Note(outiPage, "use-cases-before", privateNote).Locator("[data-f='private']")).ToBeHiddenAsync();
        });

        await Step("Section 1: use cases in the three phases and two services as rows", async () =>
        {
            await AddNoteAsync(pekkaPage, "c-use-cases-during", "Omainen kysyy lääkkeiden annosteluohjeita");
            await AddNoteAsync(pekkaPage, "c-use-cases-between", "Ohjaus päivätoimintaan kotiutuksen jälkeen");

            foreach (var row in await pekkaPage.Locator(".rows-table tbody tr td[id^='c-service-name-']").AllAsync())
                rows.Add((await row.GetAttributeAsync("id"))!["c-service-name-".Length..]);
            Assert.Equal(5, rows.Count);
            string[][] services =
            [
                ["Kotihoidon chat", "Asiakas ja omainen kysyvät arkipäivisin kotihoidosta", "Kotihoidon asiakasohjaus"],
                ["Omaishoitajien neuvonta", "Omaishoitaja saa neuvoa vapaista ja tuista", "Omaishoidon tuki"],
            ];
            for (var r = 0; r < services.Length; r++)
            {
                await AddNoteAsync(pekkaPage, $"c-service-name-{rows[r]}", services[r][0]);
                await AddNoteAsync(pekkaPage, $"c-service-description-{rows[r]}", services[r][1]);
                await AddNoteAsync(pekkaPage, $"c-service-process-{rows[r]}", services[r][2]);
            }
            // A service row is named after its first service name.
            await Expect(pekkaPage.Locator($"#c-service-description-{rows[0]} form.note-form--add button[type=submit]"))
                .ToHaveAccessibleNameAsync(new Regex("Kotihoidon chat$"));
        });

        string metricName = "";
        await Step("Sections 2–4: customer, current tools, goals, a metric from the library and its data", async () =>
        {
            await AddNoteAsync(outiPage, "c-customer-groups", "Kotihoidon asiakkaat ja heidän omaisensa");
            await AddNoteAsync(outiPage, "c-customer-value", "Vastaus samana päivänä ilman jonottamista");
            await AddNoteAsync(outiPage, "c-customer-changes", "Asiointi onnistuu myös iltaisin kotoa");
            await AddNoteAsync(outiPage, "c-customer-stays", "Sama tuttu hoitaja vastaa");
            await AddNoteAsync(outiPage, "c-current-tools", "Puhelinpalvelu ja takaisinsoitto");
            await AddNoteAsync(outiPage, "c-goals", "Puhelujonot lyhenevät");

            var metric = outiPage.Locator("#c-metrics select[name='Input.MetricId']");
            metricName = (await metric.Locator("option").Nth(1).TextContentAsync())!;
            await AddNoteAsync(outiPage, "c-metrics", "Seurataan kuukausittain", form =>
                form.Locator("select[name='Input.MetricId']").SelectOptionAsync(new SelectOptionValue { Label = metricName }));
            await Expect(Note(outiPage, "metrics", "Seurataan kuukausittain")).ToContainTextAsync(metricName.Split(" (")[0]);

            await AddNoteAsync(outiPage, "c-data-baseline", "Puhelinjärjestelmän raportti kontakteista");
            await AddNoteAsync(outiPage, "c-data-target", "Asiointialustan raportointi");
        });

        await Step("Sections 5–6: professionals, open questions, a task, a thing given up and a development path", async () =>
        {
            samiPage = await SignedInPageAsync(sami);
            await samiPage.GotoAsync(sheetUrl);
            await AddNoteAsync(samiPage, "c-professionals", "Kotihoidon sairaanhoitajat");
            await AddNoteAsync(samiPage, "c-professional-matters", "Selkeät vuorot chatin päivystykseen");
            await AddNoteAsync(samiPage, "c-professional-changes", "Osa puheluista siirtyy chattiin");
            await AddNoteAsync(samiPage, "c-professional-stays", "Kotikäynnit pysyvät ennallaan");
            await AddNoteAsync(samiPage, "c-open-questions", "Kuka vastaa viikonloppuisin?");
            await AddNoteAsync(samiPage, "c-tasks", "Sovitaan chatin vastausajat", async form =>
            {
                await form.GetByLabel(T("worksheet.owner")).FillAsync("Tiimin esihenkilö");
                await form.GetByLabel(T("worksheet.due")).FillAsync("2026-10-15");
            });
            await Expect(Note(samiPage, "tasks", "Sovitaan chatin vastausajat")).ToContainTextAsync("Tiimin esihenkilö");
            await AddNoteAsync(samiPage, "c-given-up", "Takaisinsoittolista luovutaan", async form =>
                await form.GetByLabel(T("worksheet.due")).FillAsync("2027-03-01"));

            var path = $"c-development-path-{rows[0]}";
            await AddNoteAsync(samiPage, path, "Pilotti yhdessä kotihoidon tiimissä", async form =>
            {
                await form.GetByLabel(T("worksheet.path_kind")).SelectOptionAsync("phase");
                await form.GetByLabel(T("worksheet.start")).FillAsync("2026-10-01");
                await form.GetByLabel(T("worksheet.end")).FillAsync("2027-01-31");
            });
            await AddNoteAsync(samiPage, path, "Käyttöönottopäätös", async form =>
            {
                await form.GetByLabel(T("worksheet.path_kind")).SelectOptionAsync("milestone");
                await form.GetByLabel(T("worksheet.start")).FillAsync("2027-02-15");
            });

            var timeline = samiPage.Locator("#c-development-path svg.timeline__svg");
            await Expect(timeline).ToBeVisibleAsync();
            await Expect(timeline.Locator("rect.timeline__phase")).ToHaveCountAsync(1);
            await Expect(timeline.Locator("polygon.timeline__milestone")).ToHaveCountAsync(1);
            await Expect(timeline).ToContainTextAsync("Kotihoidon chat");
            await Expect(samiPage.Locator("#c-development-path table")).ToContainTextAsync("Takaisinsoittolista luovutaan");
        });

        const string editedGoal = "Puhelujonot lyhenevät puoleen vuodessa";
        await Step("A note is edited, grouped under a heading and coloured", async () =>
        {
            await outiPage.ReloadAsync();
            var goal = Note(outiPage, "goals", "Puhelujonot lyhenevät");
            await goal.Locator("summary").ClickAsync();
            await goal.GetByLabel(T("worksheet.note_text"), new() { Exact = true }).FillAsync(editedGoal);
            await goal.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + T("worksheet.save")) }).ClickAsync();
            await Expect(Note(outiPage, "goals", editedGoal)).ToBeVisibleAsync();

            var value = Note(outiPage, "customer-value", "Vastaus samana päivänä");
            await value.Locator("summary").ClickAsync();
            await value.GetByLabel(new Regex("^" + T("worksheet.group"))).FillAsync("Nopeus");
            await value.GetByLabel(T("worksheet.colour")).SelectOptionAsync("green");
            await value.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + T("worksheet.save")) }).ClickAsync();

            await Expect(outiPage.Locator("#c-customer-value .note-cluster[data-group='Nopeus'] h4.note-group")).ToContainTextAsync("Nopeus");
            var grouped = outiPage.Locator("#c-customer-value ul.notes[aria-label='Nopeus'] li.note");
            await Expect(grouped).ToHaveCountAsync(1);
            await Expect(grouped).ToHaveClassAsync(new Regex(@"\bnote--green\b"));
            await Expect(grouped.Locator("[data-f='colour']")).ToHaveTextAsync(T("worksheet.colour.green"));
        });

        const string movedNote = "Omainen kysyy lääkkeiden annosteluohjeita";
        await Step("A participant moves a note to another cell with the keyboard only", async () =>
        {
            await pekkaPage.GotoAsync(sheetUrl);
            var note = Note(pekkaPage, "use-cases-during", movedNote);
            await TabUntilFocusedAsync(pekkaPage, note.Locator("summary"));
            await pekkaPage.Keyboard.PressAsync("Enter");
            var cellChoice = note.GetByLabel(T("worksheet.move_to_cell"));
            await TabUntilFocusedAsync(pekkaPage, cellChoice, limit: 10);
            await pekkaPage.Keyboard.PressAsync("ArrowDown");
            await Expect(cellChoice).ToHaveValueAsync("use-cases-between");
            await TabUntilFocusedAsync(pekkaPage, note.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + T("worksheet.save")) }), limit: 3);
            await pekkaPage.Keyboard.PressAsync("Enter");

            await Expect(Note(pekkaPage, "use-cases-between", movedNote)).ToBeVisibleAsync();
            await Expect(pekkaPage.Locator("#c-use-cases-during")).Not.ToContainTextAsync(movedNote);
        });

        const string deletedNote = "Puhelinpalvelu ja takaisinsoitto";
        await Step("A note is deleted and restored from the history page", async () =>
        {
            await outiPage.ReloadAsync();
            await Note(outiPage, "current-tools", deletedNote).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + T("worksheet.delete")) }).ClickAsync();
            // Deleted in place, with an undo offered on the spot; restoring later goes through the history.
            await Expect(outiPage.Locator("#undo-bar")).ToContainTextAsync(T("board.deleted"));
            await Expect(outiPage.Locator("#c-current-tools")).Not.ToContainTextAsync(deletedNote);

            await outiPage.GetByRole(AriaRole.Link, new() { Name = T("worksheet.history") }).ClickAsync();
            var deleted = outiPage.Locator(".deleted-list li", new() { HasText = deletedNote });
            await deleted.GetByRole(AriaRole.Button, new() { NameRegex = Named(T("worksheet.restore"), deletedNote) }).ClickAsync();
            await Expect(outiPage.Locator(".notice")).ToHaveTextAsync(T("worksheet.notice.restored"));
            await Expect(outiPage.Locator(".deleted-list li", new() { HasText = deletedNote })).ToHaveCountAsync(0);

            await outiPage.GotoAsync(sheetUrl);
            await Expect(Note(outiPage, "current-tools", deletedNote)).ToBeVisibleAsync();
        });

        await Step("The history page lists the changes and who made them", async () =>
        {
            await facilitator.GotoAsync(sheetUrl);
            await facilitator.GetByRole(AriaRole.Link, new() { Name = T("worksheet.history") }).ClickAsync();
            var changes = facilitator.Locator("table.data tbody tr");
            foreach (var (person, what) in new[]
                     {
                         (pekka.Name, privateNote), (pekka.Name, movedNote), (outi.Name, editedGoal), (outi.Name, "Nopeus"),
                         (outi.Name, deletedNote), (sami.Name, "Käyttöönottopäätös"), (sami.Name, "Tiimin esihenkilö"),
                     })
                await Expect(changes.Filter(new() { HasText = person }).Filter(new() { HasText = what }).First).ToBeVisibleAsync();
            // Changes read as sentences: "Outi … muokkasi muistiinpanoa kohdassa …".
            await Expect(changes.Filter(new() { HasText = outi.Name }).Filter(new() { HasText = T("history.item.changed", "", "", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] }).First).ToBeVisibleAsync();
            await Expect(changes.Filter(new() { HasText = "Fanni Fasilitaattori" }).First).ToBeVisibleAsync();
            await facilitator.AssertNoViolationsAsync("the worksheet history page");
        });

        await Step("The filled worksheet passes axe, also with an open edit form and after an error", async () =>
        {
            await facilitator.GotoAsync(sheetUrl);
            await facilitator.AssertNoViolationsAsync("the filled worksheet page");

            var goal = Note(facilitator, "goals", editedGoal);
            await goal.Locator("summary").ClickAsync();
            await Expect(goal.GetByLabel(T("worksheet.note_text"), new() { Exact = true })).ToBeVisibleAsync();
            await facilitator.AssertNoViolationsAsync("the filled worksheet page with an open edit form");

            // Only spaces pass the browser's own check of a required field; the server refuses them.
            var add = facilitator.Locator("#c-goals form.note-form--add");
            await add.Locator("textarea").FillAsync("   ");
            await add.Locator("button[type=submit]").ClickAsync();
            // The error is shown at the field, which takes the focus; nothing else on the page changes.
            await Expect(facilitator.Locator("#add-goals-text")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(add.Locator(".field-error")).ToBeVisibleAsync();
            await Expect(facilitator.Locator("#add-goals-text")).ToBeFocusedAsync();
            await facilitator.AssertNoViolationsAsync("the filled worksheet page after a validation error");
        });

        await Step("The filled worksheet reflows into 320 CSS px for a participant", async () =>
        {
            await samiPage.SetViewportSizeAsync(320, 640);
            await samiPage.GotoAsync(sheetUrl);
            var widths = await samiPage.EvaluateAsync<int[]>(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"The worksheet is {widths[0]} px wide in a {widths[1]} px window.");
            await samiPage.AssertNoViolationsAsync("the filled worksheet page at 320 px");
        });

        await Step("The administrator's template page for the active functionality template passes axe", async () =>
        {
            var admin = await PageAsync(DemoUsers.Administrator);
            await admin.GotoAsync("/Admin/Templates");
            var active = admin.Locator("table.data tbody tr")
                .Filter(new() { HasText = "Toiminnallisuuden työpohja" })
                .Filter(new() { HasText = T("template.active") });
            await Expect(active).ToHaveCountAsync(1);
            await active.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + T("template.tailor")) }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(new Regex("/Admin/Templates/Edit/"));
            await admin.AssertNoViolationsAsync("/Admin/Templates/Edit for the active functionality template");
        });
    }

    /// <summary>Runs one named step of the walk-through, logs its time and names it when it fails.</summary>
    private async Task Step(string name, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await step();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException(
                $"Step \"{name}\" failed after {clock.ElapsedMilliseconds} ms: {e.Message}\n{await ScreenshotsAsync()}\n{e}");
        }
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  {name}");
    }

    /// <summary>Screenshots of every page of the walk-through, to see what each user saw when a step failed.</summary>
    private async Task<string> ScreenshotsAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "digipaja-walkthrough-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
        Directory.CreateDirectory(folder);
        var lines = new List<string>();
        foreach (var (page, i) in pages.Select((p, i) => (p, i)).Where(p => !p.p.IsClosed))
        {
            var file = Path.Combine(folder, $"page-{i + 1}.png");
            try
            {
                await page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = 5_000 });
                lines.Add($"{page.Url}: {file}");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException) { lines.Add($"{page.Url}: no screenshot"); }
        }
        return "Pages: " + string.Join("; ", lines);
    }

    private readonly List<IPage> pages = [];

    private async Task<IPage> PageAsync(DemoUser? signedInAs = null)
    {
        var page = await NewPageAsync(signedInAs: signedInAs);
        // The walkthrough works on the worksheet's long form, every section on screen, as a reader who chose it does;
        // the board itself is walked through in BoardTests.
        await page.Context.AddInitScriptAsync("localStorage.setItem('digipaja.view', 'all')");
        pages.Add(page);
        return page;
    }

    /// <summary>
    /// The name of a control whose visible text is completed by visually hidden text, e.g. "Poista" + ": the note".
    /// Chromium puts a space between the two parts, because the hidden part is positioned out of the text flow.
    /// </summary>
    private static Regex Named(string visible, string hidden) =>
        new($"^{Regex.Escape(visible)}\\s*:\\s*{Regex.Escape(hidden)}");

    /// <summary>A page in its own browser context, signed in through the form as <paramref name="person"/>.</summary>
    private async Task<IPage> SignedInPageAsync(Person person)
    {
        var page = await PageAsync();
        await page.SignInAsync(person.User);
        return page;
    }

    /// <summary>The note in the cell whose text contains <paramref name="text"/>.</summary>
    private static ILocator Note(IPage page, string cellKey, string text) =>
        page.Locator($"#c-{cellKey} li.note").Filter(new() { Has = page.Locator(".note__text", new() { HasText = text }) });

    /// <summary>Writes a note into the add form of the cell (or service row) with this id and waits until it is shown there.</summary>
    private static async Task AddNoteAsync(IPage page, string cellId, string text, Func<ILocator, Task>? more = null)
    {
        var form = page.Locator($"#{cellId} form.note-form--add");
        await form.Locator("textarea[name='Input.Text']").FillAsync(text);
        if (more is not null) await more(form);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator($"#{cellId} li.note .note__text", new() { HasText = text })).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user moves through the page.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"{limit} presses of Tab did not reach {target}; the focus is on {await page.FocusedElementAsync()}.");
    }
}
