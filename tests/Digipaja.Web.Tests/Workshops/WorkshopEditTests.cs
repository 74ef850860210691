using System.Net;
using Digipaja.Core.Workshops;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Workshops;

public abstract class WorkshopEditTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : WorkshopEditTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : WorkshopEditTests(app);

    private async Task<(HttpClient Facilitator, Guid SeriesId, Workshop Workshop)> NewWorkshop(int number = 1)
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Muokkaus"));
        return (facilitator, id, await app.Workshop(id, number));
    }

    private static Dictionary<string, string> Form(Workshop w, string? date = null, string? time = null, string? duration = null, string? title = null, int? version = null) => new()
    {
        ["Input.Title"] = title ?? w.Title, ["Input.Topic"] = w.Topic, ["Input.Goal"] = w.Goal,
        ["Input.Date"] = date ?? "", ["Input.Time"] = time ?? "", ["Input.Duration"] = duration ?? w.DurationMinutes.ToString(),
        ["Input.Version"] = (version ?? w.Version).ToString(),
    };

    private static DateTime? Utc(DateTime? stored) => stored is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null;

    [Fact]
    public async Task A_facilitator_books_a_workshop_in_finnish_time_and_it_is_stored_in_utc()
    {
        var (facilitator, seriesId, workshop) = await NewWorkshop();
        var url = $"/Workshops/Workshop/{workshop.Id}";
        var editor = await facilitator.GetHtml(url);
        Assert.Equal("date", editor.QuerySelector("#Input_Date")?.GetAttribute("type"));
        Assert.Equal("time", editor.QuerySelector("#Input_Time")?.GetAttribute("type"));
        Assert.Equal("Muokkaa työpajaa 1", editor.QuerySelector("h1")?.TextContent);

        // Winter time is UTC+2.
        var saved = await facilitator.PostForm(url, Form(workshop, "2026-03-10", "09:00", "150", "Chat ja viestit"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.Workshop(seriesId, 1);
        Assert.Equal(new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc), Utc(stored.StartsAt));
        Assert.Equal(150, stored.DurationMinutes);
        Assert.Equal("Chat ja viestit", stored.Title);
        Assert.Equal(workshop.Version + 1, stored.Version);

        var overview = await facilitator.GetHtml($"/Workshops/Series/{seriesId}");
        var card = overview.QuerySelectorAll("#workshops section.card")[0];
        Assert.Contains("10.3.2026 klo 9.00–11.30", card.TextContent);
        var form = await facilitator.GetHtml(url);
        Assert.Equal("2026-03-10", form.QuerySelector("#Input_Date")?.GetAttribute("value"));
        Assert.Equal("09:00", form.QuerySelector("#Input_Time")?.GetAttribute("value"));

        // Summer time is UTC+3; emptying both fields takes the booking away again.
        await facilitator.PostForm(url, Form(stored, "2026-06-10", "09:00"));
        Assert.Equal(new DateTime(2026, 6, 10, 6, 0, 0, DateTimeKind.Utc), Utc((await app.Workshop(seriesId, 1)).StartsAt));
        await facilitator.PostForm(url, Form(await app.Workshop(seriesId, 1)));
        Assert.Null((await app.Workshop(seriesId, 1)).StartsAt);
    }

    [Theory]
    [InlineData("0", "", "", "Input_Duration", "15–600")]
    [InlineData("601", "", "", "Input_Duration", "15–600")]
    [InlineData("kolme", "", "", "Input_Duration", "15–600")]
    [InlineData("180", "2026-04-01", "", "Input_Time", "alkamisaika")]
    [InlineData("180", "", "10:00", "Input_Date", "päivä")]
    [InlineData("180", "1.4.2026", "10:00", "Input_Date", "vvvv-kk-pp")]
    [InlineData("180", "2026-03-29", "03:30", "Input_Time", "kelloja siirretään")]
    public async Task An_invalid_duration_date_or_time_gets_an_error_and_nothing_is_stored(string duration, string date, string time, string field, string message)
    {
        var (facilitator, seriesId, workshop) = await NewWorkshop();

        var response = await facilitator.PostForm($"/Workshops/Workshop/{workshop.Id}", Form(workshop, date, time, duration, "Ei tallennu"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector($"#{field}")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#{field}']"));
        Assert.Equal("Ei tallennu", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        var stored = await app.Workshop(seriesId, 1);
        Assert.Equal(workshop.Title, stored.Title);
        Assert.Equal(workshop.Version, stored.Version);
        Assert.Null(stored.StartsAt);
    }

    [Fact]
    public async Task An_edit_based_on_a_stale_version_shows_a_conflict_and_overwrites_nothing()
    {
        var (facilitator, seriesId, workshop) = await NewWorkshop();
        var url = $"/Workshops/Workshop/{workshop.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostForm(url, Form(workshop, "2026-05-05", "12:00", title: "Ensimmäinen muutos"))).StatusCode);

        var stale = await facilitator.PostForm(url, Form(workshop, "2026-05-06", "13:00", title: "Toinen muutos"));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.Html();
        Assert.Contains("Joku muu muutti", page.QuerySelector(".error-summary")?.TextContent);
        var conflict = page.QuerySelector("section.conflict")!.TextContent;
        Assert.Contains("Ensimmäinen muutos", conflict);
        Assert.Contains("5.5.2026 klo 12.00", conflict);
        Assert.Equal("Toinen muutos", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.Equal((workshop.Version + 1).ToString(), page.QuerySelector("input[name='Input.Version']")?.GetAttribute("value"));
        var stored = await app.Workshop(seriesId, 1);
        Assert.Equal("Ensimmäinen muutos", stored.Title);
        Assert.Equal(new DateTime(2026, 5, 5, 9, 0, 0, DateTimeKind.Utc), Utc(stored.StartsAt));
    }

    [Fact]
    public async Task Agenda_items_are_edited_added_moved_and_removed_and_the_total_is_compared_with_the_duration()
    {
        var (facilitator, seriesId, workshop) = await NewWorkshop();
        var url = $"/Workshops/Workshop/{workshop.Id}";
        var items = workshop.Agenda.OrderBy(a => a.Position).ToList();
        Assert.Contains("sama kuin työpajan kesto", (await facilitator.GetHtml(url)).QuerySelector("#agenda-total")?.TextContent);

        var edited = await facilitator.PostForm($"{url}?handler=Item", new()
        {
            ["itemId"] = items[0].Id.ToString(), ["Item.Title"] = "Aloitus", ["Item.Minutes"] = "10", ["Item.Version"] = items[0].Version.ToString(),
        }, pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Aikaa on vielä 5 min", (await facilitator.GetHtml(url)).QuerySelector("#agenda-total")?.TextContent);

        var added = await facilitator.PostForm($"{url}?handler=AddItem", new() { ["NewItem.Title"] = "Tauko", ["NewItem.Minutes"] = "20" }, pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await facilitator.GetHtml(url);
        Assert.Contains("liian pitkä", page.QuerySelector("#agenda-total")?.TextContent);
        Assert.Contains("warning", page.QuerySelector("#agenda-total")?.ClassName);

        var agenda = (await app.Workshop(seriesId, 1)).Agenda.OrderBy(a => a.Position).ToList();
        Assert.Equal(["Aloitus", items[1].Title, items[2].Title, "Tauko"], agenda.Select(a => a.Title));
        var pause = agenda[^1];
        await facilitator.PostForm($"{url}?handler=Move", new() { ["itemId"] = pause.Id.ToString(), ["direction"] = "up", ["Item.Version"] = pause.Version.ToString() }, pageUrl: url);
        agenda = (await app.Workshop(seriesId, 1)).Agenda.OrderBy(a => a.Position).ToList();
        Assert.Equal(["Aloitus", items[1].Title, "Tauko", items[2].Title], agenda.Select(a => a.Title));

        var removed = await facilitator.PostForm($"{url}?handler=RemoveItem",
            new() { ["itemId"] = agenda[2].Id.ToString(), ["Item.Version"] = agenda[2].Version.ToString() }, pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["Aloitus", items[1].Title, items[2].Title], (await app.Workshop(seriesId, 1)).Agenda.OrderBy(a => a.Position).Select(a => a.Title));

        // Every item's form has its own labelled fields, and the first cannot move up nor the last down.
        page = await facilitator.GetHtml(url);
        var forms = page.QuerySelectorAll("ol.agenda-edit > li").ToList();
        Assert.Equal(3, forms.Count);
        Assert.All(forms, li => Assert.All(li.QuerySelectorAll("input:not([type=hidden])"), input =>
            Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"))));
        Assert.Null(forms[0].QuerySelector("button[value=up]"));
        Assert.Null(forms[^1].QuerySelector("button[value=down]"));
    }

    [Fact]
    public async Task An_invalid_or_stale_agenda_item_is_refused_and_keeps_the_stored_values()
    {
        var (facilitator, seriesId, workshop) = await NewWorkshop(2);
        var url = $"/Workshops/Workshop/{workshop.Id}";
        var item = workshop.Agenda.OrderBy(a => a.Position).First();

        var invalid = await facilitator.PostForm($"{url}?handler=Item", new()
        {
            ["itemId"] = item.Id.ToString(), ["Item.Title"] = "", ["Item.Minutes"] = "0", ["Item.Version"] = item.Version.ToString(),
        }, pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var page = await invalid.Html();
        Assert.NotNull(page.QuerySelector($"#agenda-{item.Id}-title-error"));
        Assert.Contains("1–600", page.QuerySelector($"#agenda-{item.Id}-minutes-error")?.TextContent);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#agenda-{item.Id}-minutes']"));

        await facilitator.PostForm($"{url}?handler=Item", new()
        {
            ["itemId"] = item.Id.ToString(), ["Item.Title"] = "Ensin tallennettu", ["Item.Minutes"] = "45", ["Item.Version"] = item.Version.ToString(),
        }, pageUrl: url);
        var stale = await facilitator.PostForm($"{url}?handler=Item", new()
        {
            ["itemId"] = item.Id.ToString(), ["Item.Title"] = "Myöhässä", ["Item.Minutes"] = "50", ["Item.Version"] = item.Version.ToString(),
        }, pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        page = await stale.Html();
        Assert.Contains("Ensin tallennettu", page.QuerySelector("section.conflict")?.TextContent);
        Assert.Equal("Myöhässä", page.QuerySelector($"#agenda-{item.Id}-title")?.GetAttribute("value"));
        var stored = (await app.Workshop(seriesId, 2)).Agenda.Single(a => a.Id == item.Id);
        Assert.Equal(("Ensin tallennettu", 45), (stored.Title, stored.Minutes));

        var staleRemove = await facilitator.PostForm($"{url}?handler=RemoveItem",
            new() { ["itemId"] = item.Id.ToString(), ["Item.Version"] = item.Version.ToString() }, pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, staleRemove.StatusCode);
        Assert.True(await app.Query(db => db.AgendaItems.IgnoreQueryFilters().AnyAsync(a => a.Id == item.Id)));
    }
}
