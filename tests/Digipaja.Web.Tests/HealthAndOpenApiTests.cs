using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Npgsql;

namespace Digipaja.Web.Tests;

public abstract class HealthAndOpenApiTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : HealthAndOpenApiTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : HealthAndOpenApiTests(app);

    [Fact]
    public async Task Health_is_200_when_the_app_and_its_database_are_up()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_endpoints()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/tokens", "/api/v1/organisation", "/api/v1/functionalities", "/api/v1/metrics", "/api/v1/service-lines/{id}" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
    }

    [Fact]
    public async Task Unknown_api_paths_answer_404_as_problem_details()
    {
        var response = await (await app.Api(DigipajaApp.WestViewer)).GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy()
    {
        var response = await app.Anonymous().GetAsync("/Account/SignIn");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

/// <summary>Health must tell the truth when the database goes away under a running app.</summary>
public sealed class HealthWithoutDatabaseTests : IAsyncLifetime
{
    private readonly PostgresApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Health_is_503_when_the_database_is_gone()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await app.DropDatabaseForTestAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
    }
}
