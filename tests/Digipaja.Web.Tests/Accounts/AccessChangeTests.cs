using System.Net;
using System.Net.Http.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests.Accounts;

/// <summary>A change of someone's access reaches the tokens and cookies they were given before.</summary>
public abstract class AccessChangeTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : AccessChangeTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : AccessChangeTests(app);

    private async Task<HttpResponseMessage> ChangeUser(string email, string role, string status = "active")
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        return await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = role, ["Input.Status"] = status, ["Input.Version"] = user.Version.ToString(),
        });
    }

    private async Task<HttpResponseMessage> CreateSeries(HttpClient api)
    {
        var line = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "EHK").Select(l => l.Id).SingleAsync());
        return await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } });
    }

    /// <summary>A browser with a cookie jar of its own, so that a test can copy its cookies as someone capturing them would.</summary>
    private (HttpClient Client, CookieContainer Jar) Browser(CookieContainer? jar = null)
    {
        jar ??= new CookieContainer();
        return (app.CreateDefaultClient(new CookieContainerHandler(jar)), jar);
    }

    [Fact]
    public async Task A_token_issued_to_a_facilitator_is_refused_once_the_facilitator_is_made_a_viewer()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Facilitator);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.Created, (await CreateSeries(api)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeUser(email, "Viewer")).StatusCode);

        var refused = await CreateSeries(api);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisation")).StatusCode);
    }

    [Fact]
    public async Task A_token_whose_role_no_longer_matches_the_user_is_refused_even_without_a_new_stamp()
    {
        // A role changed outside the admin page (here straight in the database, then announced as the app does): the
        // token's role claim is compared with the user's role, not trusted.
        var email = await app.CreateUser("lansi-uusimaa", Role.Facilitator);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisation")).StatusCode);

        var id = await app.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await app.Query(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Role.Viewer)));
        app.Services.GetRequiredService<TokenValidity>().Forget([id]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisation")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_cookie_captured_before_sign_out_is_refused_afterwards()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var (browser, jar) = Browser();
        var signIn = await browser.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Someone copies the cookies (another tab's capture, a shared computer, a stolen cookie).
        var copy = new CookieContainer();
        foreach (Cookie cookie in jar.GetAllCookies()) copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        var (thief, _) = Browser(copy);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/")).StatusCode);

        var signOut = await browser.PostForm("/Account/SignOut", [], pageUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await thief.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location?.PathAndQuery);
        // Signing in again works as before.
        var again = await browser.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_sees_a_new_name_without_signing_in_again()
    {
        // The cookie is checked from memory now; a change that leaves the session valid still reaches it.
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var user = await app.SignedIn(email);
        var id = await app.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var version = await app.Query(db => db.Users.Where(u => u.Id == id).Select(u => u.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm($"/Admin/Users/Edit/{id}", new()
        {
            ["Input.DisplayName"] = "Uusi Nimi", ["Input.Role"] = "Participant", ["Input.Status"] = "active", ["Input.Version"] = version.ToString(),
        })).StatusCode);

        var home = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Uusi Nimi", await home.Content.ReadAsStringAsync());
    }
}
