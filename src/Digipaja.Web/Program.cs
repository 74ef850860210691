using Digipaja.Web;
using Digipaja.Web.Accounts;
using Digipaja.Web.Api;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Realtime;

if (await SchemaScriptCommand.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDigipajaData(builder.Configuration);
builder.Services.AddDigipajaWorksheets();
builder.Services.AddDigipajaAccounts(builder.Configuration);
builder.Services.AddDigipajaWeb(builder.Configuration, builder.Environment);
builder.Services.AddDigipajaApi();
builder.Services.AddDigipajaRealtime(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseDigipajaWeb();
app.MapDigipajaApi();
app.MapRazorPages();
Digipaja.Web.Features.Plans.PlanDownloads.Map(app);
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>Entry point marker for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
