using System.Net.Http.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Admin;

public abstract class AdminHistoryTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : AdminHistoryTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : AdminHistoryTests(app);

    [Fact]
    public async Task The_administrators_history_shows_a_private_ideation_note_only_once_it_is_revealed()
    {
        var (series, sheet) = await app.NewChatSheet();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        await facilitator.PostForm($"/Worksheets/{sheet}?handler=StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" },
            pageUrl: $"/Worksheets/{sheet}");
        var author = await app.Api(await app.InvitedParticipant(series));
        var secret = $"yksityinen idea {Guid.NewGuid():N}";
        (await author.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "customer-groups", text = secret })).EnsureSuccessStatusCode();

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        Assert.DoesNotContain(secret, (await admin.GetHtml("/Admin/History")).Body!.TextContent);

        await facilitator.PostForm($"/Worksheets/{sheet}?handler=Reveal", new() { ["sectionKey"] = "customer" }, pageUrl: $"/Worksheets/{sheet}");
        Assert.Contains(secret, (await admin.GetHtml("/Admin/History")).Body!.TextContent);
    }
}
