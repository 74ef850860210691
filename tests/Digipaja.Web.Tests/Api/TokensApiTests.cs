using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Api;

public abstract class TokensApiTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : TokensApiTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : TokensApiTests(app);

    [Fact]
    public async Task Right_credentials_give_a_token_that_opens_the_api()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/tokens",
            new { email = DigipajaApp.WestFacilitator, password = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organisation")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_gives_401_as_problem_details_in_the_requested_language()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { email = DigipajaApp.WestViewer, password = "wrong-password-1A" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("sv");
        var response = await app.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("E-postadressen eller lösenordet är fel, eller så är kontot låst i 15 minuter efter för många misslyckade försök.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/tokens", new { email = "nobody@nowhere.test", password = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Missing_fields_give_a_validation_problem_naming_them()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/tokens", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working_at_once()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisation")).StatusCode);

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var save = await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Participant", ["Input.Status"] = "inactive",
            ["Input.Version"] = user.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisation")).StatusCode);
        var again = await app.Anonymous().PostAsJsonAsync("/api/v1/tokens", new { email, password = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_users_token_stops_working_at_once_when_an_administrator_sets_a_new_password()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var api = await app.Api(email);
        // Checked twice, so that the second check is answered from what the server remembers of the user.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisation")).StatusCode);

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var save = await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Participant", ["Input.Status"] = "active",
            ["Input.NewPassword"] = "Uusi-salasana-2027", ["Input.Version"] = user.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisation")).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_at_once_when_its_user_is_deactivated_by_any_save()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Participant);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisation")).StatusCode);

        await app.Query(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == email);
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organisation")).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token-value");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/organisation")).StatusCode);
    }
}
