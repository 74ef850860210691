using System.Net;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Workshops;

public abstract class SeriesPagesTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : SeriesPagesTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : SeriesPagesTests(app);

    private Task<int> SeriesCount() => app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task The_new_series_page_groups_lines_by_area_and_functionalities_by_wave_with_waves_1_and_2_chosen()
    {
        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml("/Workshops/New");

        var lineGroups = page.QuerySelectorAll("fieldset fieldset").Where(f => f.QuerySelector("input[name='Input.ServiceLineIds']") is not null).ToList();
        Assert.Contains(lineGroups, g => g.QuerySelector("legend")!.TextContent == "Ikääntyneiden palvelut" && g.TextContent.Contains("NAO"));
        Assert.All(page.QuerySelectorAll("input[type=checkbox]"), box =>
            Assert.NotNull(page.QuerySelector($"label[for='{box.Id}']")));
        var chosen = page.QuerySelectorAll("input[name='Input.FunctionalityKeys'][checked]").Select(i => i.GetAttribute("value")).Order().ToList();
        Assert.Equal(["chat", "consultations", "forms", "health-data", "messages", "video"], chosen);
        Assert.Empty(page.QuerySelectorAll("input[name='Input.ServiceLineIds'][checked]"));
    }

    [Fact]
    public async Task A_facilitator_creates_a_series_on_the_new_page_and_its_overview_shows_four_workshops_and_the_worksheets()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var fields = new List<(string, string)>
        {
            ("Input.ServiceLineIds", (await app.LineId("KAT")).ToString()), ("Input.ServiceLineIds", (await app.LineId("AP")).ToString()),
            ("Input.FunctionalityKeys", "chat"), ("Input.FunctionalityKeys", "video"), ("Input.FunctionalityKeys", "booking"),
            ("Input.Name", ""),
        };

        var created = await facilitator.PostFields("/Workshops/New", fields);
        var id = WorkshopSteps.IdFromLocation(created);
        Assert.Equal($"/Workshops/Series/{id}", created.Headers.Location!.OriginalString);

        var page = await facilitator.GetHtml($"/Workshops/Series/{id}");
        Assert.Equal("Digiasioinnin työpajasarja: AP, KAT", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Työpajasarja luotu", page.QuerySelector(".notice")?.TextContent);
        var workshops = page.QuerySelectorAll("#workshops section.card").ToList();
        Assert.Equal(4, workshops.Count);
        Assert.StartsWith("Työpaja 1: Ensimmäisen aallon", workshops[0].QuerySelector("h3")!.TextContent);
        Assert.All(workshops, w => Assert.Contains("Aikaa ei ole varattu", w.TextContent));
        Assert.Equal(3, workshops[0].QuerySelectorAll("ol.agenda li").Length);
        Assert.Contains("180 min", workshops[0].TextContent);
        Assert.NotNull(workshops[0].QuerySelector("a[href^='/Workshops/Workshop/']"));
        Assert.NotNull(workshops[0].QuerySelector("a[href^='/Workshops/Invitation/']"));

        var sheetLinks = page.QuerySelectorAll("#worksheets a[href^='/Worksheets/']").Select(a => a.TextContent).ToList();
        Assert.Equal(4, sheetLinks.Count);
        var headings = page.QuerySelectorAll("#worksheets h3").Select(h => h.TextContent).ToList();
        Assert.Equal(4, headings.Count); // wave 1, wave 2, change, and booking of wave 3 under other functionalities
        Assert.StartsWith("Työpaja 1", headings[0]);
        Assert.Equal("Muut toiminnallisuudet", headings[^1]);
        Assert.Contains("Fanni Fasilitaattori", page.QuerySelector("#members table")!.TextContent);
        Assert.NotNull(page.QuerySelector("details.tips summary"));
        Assert.Single(page.QuerySelectorAll("h1"));

        var index = await facilitator.GetHtml("/Workshops");
        var row = index.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/Workshops/Series/{id}']") is not null);
        Assert.Contains("KAT", row.TextContent);
        Assert.Contains("AP", row.TextContent);
    }

    [Fact]
    public async Task The_list_shows_the_next_workshop_that_has_not_yet_taken_place()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Seuraava"), "SP");
        foreach (var (number, date) in new[] { (1, "2020-01-14"), (2, "2030-01-15"), (3, "2030-02-12") })
        {
            var w = await app.Workshop(id, number);
            var saved = await facilitator.PostForm($"/Workshops/Workshop/{w.Id}", new()
            {
                ["Input.Title"] = w.Title, ["Input.Date"] = date, ["Input.Time"] = "10:00", ["Input.Duration"] = "120", ["Input.Version"] = w.Version.ToString(),
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var row = (await facilitator.GetHtml("/Workshops")).QuerySelectorAll("tbody tr")
            .Single(r => r.QuerySelector($"a[href='/Workshops/Series/{id}']") is not null);

        Assert.Contains("SP", row.Children[1].TextContent);
        Assert.Contains("15.1.2030 klo 10.00–12.00", row.Children[2].TextContent);
        Assert.Contains("Työpaja 2", row.Children[2].TextContent);
    }

    [Fact]
    public async Task Choosing_no_service_line_shows_an_error_beside_the_lines_and_stores_nothing()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var before = await SeriesCount();

        var response = await facilitator.PostFields("/Workshops/New", [("Input.FunctionalityKeys", "chat"), ("Input.Name", "Ei linjoja")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        Assert.Contains("Valitse vähintään yksi", page.QuerySelector("#Input_ServiceLineIds-error")?.TextContent);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_ServiceLineIds']"));
        Assert.NotNull(page.QuerySelector("input#Input_ServiceLineIds[type=checkbox]"));
        // The user's other choices stay as they were.
        Assert.Equal(["chat"], page.QuerySelectorAll("input[name='Input.FunctionalityKeys'][checked]").Select(i => i.GetAttribute("value")));
        Assert.Equal("Ei linjoja", page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal(before, await SeriesCount());
    }

    [Fact]
    public async Task Another_countys_line_or_no_functionality_is_refused_and_stores_nothing()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var before = await SeriesCount();
        var otherLine = await app.LineId("VOS", "toinen");

        var page = await (await facilitator.PostFields("/Workshops/New", [("Input.ServiceLineIds", otherLine.ToString())])).Html();

        Assert.NotNull(page.QuerySelector("#Input_ServiceLineIds-error"));
        Assert.Contains("Valitse vähintään yksi toiminnallisuus", page.QuerySelector("#Input_FunctionalityKeys-error")?.TextContent);
        Assert.Equal(before, await SeriesCount());
    }

    [Fact]
    public async Task Participants_and_viewers_cannot_create_a_series()
    {
        var participant = await app.SignedIn(DigipajaApp.WestParticipant);
        Assert.Equal(HttpStatusCode.Forbidden, await participant.StatusOf("/Workshops/New"));
        var post = await participant.PostFields("/Workshops/New",
            [("Input.ServiceLineIds", (await app.LineId("NAO")).ToString()), ("Input.FunctionalityKeys", "chat")], pageUrl: "/Workshops");
        Assert.Equal(HttpStatusCode.Forbidden, await participant.Outcome(post));
        Assert.Null((await participant.GetHtml("/Workshops")).QuerySelector("a[href='/Workshops/New']"));
    }

    [Fact]
    public async Task An_invited_participant_sees_the_series_in_the_list_and_opens_its_overview()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var name = WorkshopSteps.Unique("Kutsuttujen sarja");
        var id = await app.CreateSeries(facilitator, name);
        var email = await app.CreateUser(WorkshopSteps.West, Role.Participant);
        var participant = await app.SignedIn(email);
        Assert.DoesNotContain(name, (await participant.GetHtml("/Workshops")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, await participant.StatusOf($"/Workshops/Series/{id}"));

        var invited = await facilitator.Invite(id, await app.UserId(email));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        Assert.Contains(name, (await participant.GetHtml("/Workshops")).QuerySelector("table")!.TextContent);
        var overview = await participant.GetHtml($"/Workshops/Series/{id}");
        Assert.Equal(name, overview.QuerySelector("h1")!.TextContent);
        Assert.Equal(4, overview.QuerySelectorAll("#workshops section.card").Length);
        Assert.Contains("Testi Käyttäjä", overview.QuerySelector("#members table")!.TextContent);
        // Running the series stays with the facilitators.
        Assert.Null(overview.QuerySelector("a[href^='/Workshops/Workshop/']"));
        Assert.Null(overview.QuerySelector("form[action*='handler=Invite']"));
        Assert.Null(overview.QuerySelector("details.tips"));
        Assert.NotNull(overview.QuerySelector("a[href^='/Workshops/Invitation/']"));
        var edit = (await app.Workshops(id))[0].Id;
        Assert.Equal(HttpStatusCode.Forbidden, await participant.StatusOf($"/Workshops/Workshop/{edit}"));
    }

    [Fact]
    public async Task A_participant_who_was_not_invited_and_a_viewer_get_403()
    {
        var id = await app.CreateSeries(await app.SignedIn(DigipajaApp.WestFacilitator), WorkshopSteps.Unique("Suljettu sarja"));
        var workshop = (await app.Workshops(id))[0].Id;
        var outsider = await app.SignedIn(await app.CreateUser(WorkshopSteps.West, Role.Participant));
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);

        foreach (var client in new[] { outsider, viewer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await client.StatusOf($"/Workshops/Series/{id}"));
            Assert.Equal(HttpStatusCode.Forbidden, await client.StatusOf($"/Workshops/Invitation/{workshop}"));
            Assert.Equal(HttpStatusCode.Forbidden, await client.StatusOf($"/Workshops/Invitation/{workshop}?handler=Calendar"));
            Assert.Equal(HttpStatusCode.Forbidden, await client.StatusOf($"/Workshops/Workshop/{workshop}"));
        }
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.StatusOf("/Workshops"));
        Assert.Null((await viewer.GetHtml("/")).QuerySelector("nav a[href='/Workshops']"));
        Assert.NotNull((await outsider.GetHtml("/")).QuerySelector("nav a[href='/Workshops']"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var id = await app.CreateSeries(await app.SignedIn(DigipajaApp.WestFacilitator), WorkshopSteps.Unique("Anonyymi"));
        var response = await app.Anonymous().GetAsync($"/Workshops/Series/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_user_of_another_county_gets_404_on_every_page_and_action_of_a_west_series()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Länsi"));
        var workshop = await app.Workshop(id, 1);
        await facilitator.PostForm($"/Workshops/Workshop/{workshop.Id}", new()
        {
            ["Input.Title"] = workshop.Title, ["Input.Date"] = "2026-09-15", ["Input.Time"] = "09:00", ["Input.Duration"] = "180",
            ["Input.Version"] = workshop.Version.ToString(),
        });
        var task = await app.Query(db => db.PreTasks.IgnoreQueryFilters().Where(t => t.SeriesId == id).OrderBy(t => t.Position).FirstAsync());
        var second = await app.SignedIn(DigipajaApp.SecondAdmin);

        foreach (var url in new[]
                 {
                     $"/Workshops/Series/{id}", $"/Workshops/Workshop/{workshop.Id}", $"/Workshops/Invitation/{workshop.Id}",
                     $"/Workshops/Invitation/{workshop.Id}?handler=Calendar",
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(url)).StatusCode);

        var secondUser = await app.UserId(DigipajaApp.SecondAdmin);
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/Workshops/Series/{id}?handler=Invite", new() { ["Invite.UserId"] = secondUser.ToString(), ["Invite.Role"] = "Facilitator" }),
            ($"/Workshops/Series/{id}?handler=AddTask", new() { ["NewTask.Title"] = "Kaapattu" }),
            ($"/Workshops/Series/{id}?handler=RemoveTask", new() { ["taskId"] = task.Id.ToString(), ["version"] = task.Version.ToString() }),
            ($"/Workshops/Workshop/{workshop.Id}", new() { ["Input.Title"] = "Kaapattu", ["Input.Duration"] = "60", ["Input.Version"] = "2" }),
            ($"/Workshops/Invitation/{workshop.Id}", new() { ["Input.Subject"] = "x", ["Input.Template"] = "Kaapattu", ["Input.Version"] = "1" }),
        };
        foreach (var (url, fields) in posts)
            Assert.Equal(HttpStatusCode.NotFound, (await second.PostForm(url, fields, pageUrl: "/")).StatusCode);

        Assert.DoesNotContain("Länsi", (await second.GetHtml("/Workshops")).QuerySelector("main")!.TextContent);
        Assert.False(await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().AnyAsync(m => m.SeriesId == id && m.UserId == secondUser)));
        Assert.Equal(workshop.Title, (await app.Workshop(id, 1)).Title);
        Assert.True(await app.Query(db => db.PreTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == task.Id)));
        Assert.False(await app.Query(db => db.PreTasks.IgnoreQueryFilters().AnyAsync(t => t.Title == "Kaapattu")));
    }

    [Fact]
    public async Task A_user_of_another_county_or_a_viewer_cannot_be_invited()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Kutsut"));
        var candidates = (await facilitator.GetHtml($"/Workshops/Series/{id}")).QuerySelectorAll("#Invite_UserId option")
            .Select(o => o.GetAttribute("value")).ToList();

        foreach (var email in new[] { DigipajaApp.SecondAdmin, DigipajaApp.WestViewer })
        {
            var userId = await app.UserId(email);
            Assert.DoesNotContain(userId.ToString(), candidates);
            var response = await facilitator.Invite(id, userId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Html();
            Assert.Contains("Valitse henkilö listasta", page.QuerySelector("#Invite_UserId-error")?.TextContent);
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Invite_UserId']"));
            Assert.False(await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().AnyAsync(m => m.SeriesId == id && m.UserId == userId)));
        }
        Assert.Contains((await app.UserId(DigipajaApp.WestParticipant)).ToString(), candidates);
    }

    [Fact]
    public async Task A_member_is_removed_but_the_last_facilitator_cannot_remove_themselves()
    {
        var email = await app.CreateUser(WorkshopSteps.West, Role.Facilitator);
        var facilitator = await app.SignedIn(email);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Jäsenet"));
        var participant = await app.UserId(DigipajaApp.WestParticipant);
        await facilitator.Invite(id, participant);
        var members = await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == id).ToListAsync());
        var self = members.Single(m => m.Role == SeriesRole.Facilitator);
        var other = members.Single(m => m.UserId == participant);

        var page = await facilitator.GetHtml($"/Workshops/Series/{id}");
        Assert.Single(page.QuerySelectorAll("#members form[action*='handler=RemoveMember']"));
        var refused = await facilitator.PostForm($"/Workshops/Series/{id}?handler=RemoveMember", new() { ["memberId"] = self.Id.ToString() },
            pageUrl: $"/Workshops/Series/{id}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ainoa fasilitaattori", (await refused.Html()).QuerySelector(".error-summary")?.TextContent);

        var removed = await facilitator.PostForm($"/Workshops/Series/{id}?handler=RemoveMember", new() { ["memberId"] = other.Id.ToString() },
            pageUrl: $"/Workshops/Series/{id}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([self.Id], await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == id).Select(m => m.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_pre_task_is_assigned_to_every_participant_once_and_only_the_participant_ticks_it_off()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Esitehtävät"));
        var firstEmail = await app.CreateUser(WorkshopSteps.West, Role.Participant);
        var secondEmail = await app.CreateUser(WorkshopSteps.West, Role.Participant);
        await facilitator.Invite(id, await app.UserId(firstEmail));
        var seriesPage = $"/Workshops/Series/{id}";

        var added = await facilitator.PostForm($"{seriesPage}?handler=AddTask",
            new() { ["NewTask.Title"] = "Lue tavoite", ["NewTask.Description"] = "Lue kutsun tavoite." }, pageUrl: seriesPage);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var task = await app.Query(db => db.PreTasks.IgnoreQueryFilters().SingleAsync(t => t.SeriesId == id && t.Title == "Lue tavoite"));
        Task<List<PreTaskAssignment>> Assignments() =>
            app.Query(db => db.PreTaskAssignments.IgnoreQueryFilters().Where(a => a.PreTaskId == task.Id).ToListAsync());
        Task<HttpResponseMessage> Assign() => facilitator.PostForm($"{seriesPage}?handler=Assign", new() { ["taskId"] = task.Id.ToString() }, pageUrl: seriesPage);

        Assert.Equal(HttpStatusCode.Redirect, (await Assign()).StatusCode);
        Assert.Single(await Assignments());
        await Assign();
        Assert.Single(await Assignments());
        await facilitator.Invite(id, await app.UserId(secondEmail));
        await Assign();
        var assignments = await Assignments();
        Assert.Equal(2, assignments.Count);

        // Neither the facilitator nor another participant can tick someone else's task.
        var first = await app.SignedIn(firstEmail);
        var other = await app.SignedIn(secondEmail);
        var firstId = await app.UserId(firstEmail);
        var own = assignments.Single(a => a.UserId == firstId);
        var done = new Dictionary<string, string> { ["assignmentId"] = own.Id.ToString(), ["done"] = "true" };
        Assert.Equal(HttpStatusCode.Forbidden, await facilitator.Outcome(await facilitator.PostForm($"{seriesPage}?handler=Done", done, pageUrl: seriesPage)));
        Assert.Equal(HttpStatusCode.Forbidden, await other.Outcome(await other.PostForm($"{seriesPage}?handler=Done", done, pageUrl: seriesPage)));
        Assert.All(await Assignments(), a => Assert.Null(a.DoneAt));

        var overview = await first.GetHtml(seriesPage);
        var item = overview.QuerySelectorAll("#pre-tasks ul.task-list li").Single(li => li.TextContent.Contains("Lue tavoite"));
        Assert.Contains("Merkitse tehdyksi", item.QuerySelector("button")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostForm($"{seriesPage}?handler=Done", done, pageUrl: seriesPage)).StatusCode);
        Assert.NotNull((await Assignments()).Single(a => a.Id == own.Id).DoneAt);
        Assert.Null((await Assignments()).Single(a => a.Id != own.Id).DoneAt);

        var progress = (await facilitator.GetHtml(seriesPage)).QuerySelector($"#task-{task.Id}")!.ParentElement!.TextContent;
        Assert.Contains("Tehnyt 1/2", progress);

        await first.PostForm($"{seriesPage}?handler=Done", new() { ["assignmentId"] = own.Id.ToString(), ["done"] = "false" }, pageUrl: seriesPage);
        Assert.Null((await Assignments()).Single(a => a.Id == own.Id).DoneAt);
    }

    [Fact]
    public async Task A_facilitator_removes_a_pre_task_but_not_with_a_stale_version()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Poistot"));
        var seriesPage = $"/Workshops/Series/{id}";
        var task = await app.Query(db => db.PreTasks.IgnoreQueryFilters().Where(t => t.SeriesId == id).OrderBy(t => t.Position).FirstAsync());

        var stale = await facilitator.PostForm($"{seriesPage}?handler=RemoveTask",
            new() { ["taskId"] = task.Id.ToString(), ["version"] = (task.Version + 1).ToString() }, pageUrl: seriesPage);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(task.Title, (await stale.Html()).QuerySelector("section.conflict")?.TextContent);
        Assert.True(await app.Query(db => db.PreTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == task.Id)));

        var removed = await facilitator.PostForm($"{seriesPage}?handler=RemoveTask",
            new() { ["taskId"] = task.Id.ToString(), ["version"] = task.Version.ToString() }, pageUrl: seriesPage);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.Query(db => db.PreTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == task.Id)));
    }
}
