using System.Net;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Admin;

public abstract class UsersAdminTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : UsersAdminTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : UsersAdminTests(app);

    [Fact]
    public async Task Administrator_adds_a_facilitator_who_can_sign_in_to_the_same_county()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var email = $"uusi-{Guid.NewGuid():N}@lansi-uusimaa.test";
        var response = await admin.PostForm("/Admin/Users", new()
        {
            ["Input.DisplayName"] = "Uusi Fasilitaattori", ["Input.Email"] = email, ["Input.Role"] = "Facilitator", ["Input.Password"] = "Vahva-salasana-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var county = await app.Query(db => db.Counties.SingleAsync(c => c.Slug == "lansi-uusimaa"));
        Assert.Equal(county.Id, user.CountyId);
        Assert.Equal(Role.Facilitator, user.Role);
        var home = await (await app.SignedIn(email, "Vahva-salasana-2026")).GetHtml("/");
        Assert.Equal(county.Name, home.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("lyhyt1A", "Input_Password", "vähintään 12")]
    [InlineData("pelkkiapienia-ja-numero-1", "Input_Password", "iso kirjain")]
    public async Task Weak_passwords_are_refused_in_the_users_language(string password, string fieldId, string message)
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var email = $"heikko-{Guid.NewGuid():N}@lansi-uusimaa.test";
        var response = await admin.PostForm("/Admin/Users", new()
        {
            ["Input.DisplayName"] = "Heikko", ["Input.Email"] = email, ["Input.Role"] = "Viewer", ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.Html()).QuerySelector($"#{fieldId}-error")?.TextContent);
        Assert.False(await app.Query(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_address_already_in_use_in_any_county_is_refused()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var response = await admin.PostForm("/Admin/Users", new()
        {
            ["Input.DisplayName"] = "Kaappaaja", ["Input.Email"] = DigipajaApp.WestViewer, ["Input.Role"] = "Administrator", ["Input.Password"] = "Vahva-salasana-2026",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("Tätä sähköpostiosoitetta ei voi käyttää uudelle käyttäjälle.", (await response.Html()).QuerySelector("#Input_Email-error")?.TextContent.Trim());
        Assert.Equal(Role.Viewer, await app.Query(db => db.Users.Where(u => u.Email == DigipajaApp.WestViewer).Select(u => u.Role).SingleAsync()));
    }

    [Fact]
    public async Task An_address_of_another_county_gets_the_same_neutral_answer_as_a_taken_address_of_ones_own()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        async Task<string> Answer(string email)
        {
            var response = await admin.PostForm("/Admin/Users", new()
            {
                ["Input.DisplayName"] = "Uusi Käyttäjä", ["Input.Email"] = email, ["Input.Role"] = "Viewer", ["Input.Password"] = "Vahva-salasana-2026",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Html();
            return string.Join("|", page.QuerySelectorAll(".error-summary li, .field-error, [id$='-error']").Select(e => e.TextContent.Trim()));
        }

        var ownCounty = await Answer(DigipajaApp.SecondAdmin);
        var otherCounty = await Answer(DigipajaApp.WestViewer.ToUpperInvariant());

        Assert.Equal(ownCounty, otherCounty);
        Assert.DoesNotContain("käytössä", otherCounty);
    }

    [Fact]
    public async Task A_display_name_with_a_zero_width_space_or_a_direction_override_is_refused()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        foreach (var name in new[] { "Matti\u200BMeikäläinen", "Anna \u202Egpj.exe" })
        {
            var email = $"name-{Guid.NewGuid():N}@toinen.test";
            var response = await admin.PostForm("/Admin/Users", new()
            {
                ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Role"] = "Viewer", ["Input.Password"] = "Vahva-salasana-2026",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull((await response.Html()).QuerySelector("#Input_DisplayName-error"));
            Assert.False(await app.Query(db => db.Users.AnyAsync(u => u.Email == email)));
        }
    }

    [Fact]
    public async Task A_changed_role_applies_on_the_users_next_request()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var user = await app.SignedIn(email);
        Assert.Equal(HttpStatusCode.Redirect, (await user.GetAsync("/Admin")).StatusCode);

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var stored = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var saved = await admin.PostForm($"/Admin/Users/Edit/{stored.Id}", new()
        {
            ["Input.DisplayName"] = stored.DisplayName, ["Input.Role"] = "Administrator", ["Input.Status"] = "active", ["Input.Version"] = stored.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Admin")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_and_cannot_sign_in_again()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var user = await app.SignedIn(email);
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var stored = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        await admin.PostForm($"/Admin/Users/Edit/{stored.Id}", new()
        {
            ["Input.DisplayName"] = stored.DisplayName, ["Input.Role"] = "Participant", ["Input.Status"] = "inactive", ["Input.Version"] = stored.Version.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, (await user.GetAsync("/")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignedIn(email));
        var audit = await app.Query(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.EntityId == stored.Id && e.Action == "modified").ToListAsync());
        Assert.Contains(audit, e => e.After!.Contains("\"IsActive\":false"));
        Assert.DoesNotContain(audit, e => e.After!.Contains("PasswordHash"));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Administrator);
        var admin = await app.SignedIn(email);
        var self = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var response = await admin.PostForm($"/Admin/Users/Edit/{self.Id}", new()
        {
            ["Input.DisplayName"] = self.DisplayName, ["Input.Role"] = "Viewer", ["Input.Status"] = "active", ["Input.Version"] = self.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Role.Administrator, await app.Query(db => db.Users.Where(u => u.Id == self.Id).Select(u => u.Role).SingleAsync()));
    }
}
