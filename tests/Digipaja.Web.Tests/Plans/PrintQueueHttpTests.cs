using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Features.Plans;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Digipaja.Web.Tests.Plans;

/// <summary>A printer that holds every print until the test lets them go, so the queue can be seen full.</summary>
public sealed class HeldPrinter : IPdfPrinter
{
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int started;

    public bool IsAvailable => true;
    public int Started => Volatile.Read(ref started);

    public void Hold() => release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    public void Release() => release.TrySetResult();

    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct)
    {
        Interlocked.Increment(ref started);
        await release.Task.WaitAsync(ct);
        return "%PDF-1.4 held"u8.ToArray();
    }
}

/// <summary>An app of its own whose printer is <see cref="HeldPrinter"/>; everything else is the real pipeline.</summary>
public sealed class HeldPrinterApp : SqliteApp
{
    public HeldPrinter Printer { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Files:MaxPrinting", "4"); // room for another user's file whatever the machine's cores
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IPdfPrinter>(Printer)));
    }
}

public sealed class PrintQueueHttpTests(HeldPrinterApp app) : IClassFixture<HeldPrinterApp>
{
    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            await Task.Delay(20);
        }
    }

    private static async Task<int[]> Places(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/Plans/Export/queue")).GetProperty("places").EnumerateArray().Select(p => p.GetInt32()).ToArray();

    [Fact]
    public async Task The_fourth_pdf_of_one_user_at_once_is_refused_with_429_while_another_users_pdf_is_printed()
    {
        app.Printer.Hold();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var startedBefore = app.Printer.Started;

        var first = Enumerable.Range(0, 3).Select(_ => facilitator.GetAsync("/Plans/Export/county.pdf")).ToList();
        await Until(async () => (await Places(facilitator)).Length == 3);
        var fourth = await facilitator.GetAsync("/Plans/Export/county.pdf");
        var other = admin.GetAsync("/Plans/Export/county.pdf");
        await Until(() => Task.FromResult(app.Printer.Started == startedBefore + 2));

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(fourth.Headers.RetryAfter?.Delta);
        var problem = await fourth.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sinulla on jo 3 PDF-tiedostoa tulostumassa tai jonossa. Yritä uudelleen, kun jokin niistä on valmis.",
            problem.GetProperty("title").GetString());
        var places = await Places(facilitator);
        Assert.Equal([0, 1, 2], places);
        var status = await facilitator.GetFromJsonAsync<JsonElement>("/Plans/Export/queue");
        Assert.Equal("PDF-tiedostosi on tulostusjonossa sijalla 1.", status.GetProperty("message").GetString());

        app.Printer.Release();
        var served = await other;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        foreach (var response in await Task.WhenAll(first)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await Places(facilitator));
    }

    [Fact]
    public async Task A_pdf_request_that_is_abandoned_while_waiting_gives_its_place_back()
    {
        app.Printer.Hold();
        var participant = await app.SignedIn(DigipajaApp.WestParticipant);
        using var leaving = new CancellationTokenSource();

        var printing = participant.GetAsync("/Plans/Export/county.pdf");
        var waiting = Enumerable.Range(0, 2).Select(_ => participant.GetAsync("/Plans/Export/county.pdf", leaving.Token)).ToList();
        await Until(async () => (await Places(participant)).Length == 3);
        await leaving.CancelAsync();
        await Until(async () => (await Places(participant)).Length == 1);

        app.Printer.Release();
        Assert.Equal(HttpStatusCode.OK, (await printing).StatusCode);
        foreach (var w in waiting) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => w);
    }

    [Fact]
    public async Task A_users_word_and_excel_files_take_turns_and_one_more_than_allowed_is_refused_on_pages_and_api_alike()
    {
        var files = app.Services.GetRequiredKeyedService<PrintQueue>(PrintQueue.Files);
        var userId = await app.Query(db => db.Users.Where(u => u.Email == DigipajaApp.WestFacilitator).Select(u => u.Id).SingleAsync());
        // The facilitator's file being written and as many waiting as allowed, as if from other tabs.
        var held = Enumerable.Range(0, 1 + files.Options.MaxWaitingPerUser).Select(_ => files.TryJoin(userId.ToString())!).ToList();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        try
        {
            var page = await facilitator.GetAsync("/Plans/Export/county.docx");
            var fromApi = await api.GetAsync("/api/v1/plans/county.xlsx");
            var others = await admin.GetAsync("/Plans/Export/county.docx");

            foreach (var refused in new[] { page, fromApi })
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter?.Delta);
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(5, problem.GetProperty("places").GetArrayLength());
                Assert.StartsWith("Sinulla on jo 5 Word- tai Excel-tiedostoa", problem.GetProperty("title").GetString());
            }
            Assert.Equal(HttpStatusCode.OK, others.StatusCode);
            // Another county's plan is a 404 before any queue is asked.
            Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/Plans/Export/lines/{await EastLineId()}.docx")).StatusCode);
        }
        finally
        {
            foreach (var turn in held) turn.Dispose();
        }
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync("/Plans/Export/county.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/plans/county.xlsx")).StatusCode);
    }

    private Task<Guid> EastLineId() =>
        app.Query(db => db.ServiceLines.IgnoreQueryFilters()
            .Where(l => db.Counties.Any(c => c.Id == l.CountyId && c.Slug != "lansi-uusimaa")).Select(l => l.Id).FirstAsync());
}
