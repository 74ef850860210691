using Digipaja.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Digipaja.Web;

/// <summary>Tells whoever started the app where to open it and, on a demo installation, how to sign in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        Console.WriteLine();
        Console.WriteLine("Digipaja is running.");
        foreach (var address in addresses) Console.WriteLine($"  Open {address}");
        Console.WriteLine($"  Database: {database.Provider}");
        var seeded = app.Configuration.GetValue<bool?>("Demo:Seed") ?? app.Environment.IsDevelopment();
        if (!seeded) return;
        var password = app.Configuration["Demo:Password"] is { Length: > 0 } p ? p : DemoData.DefaultPassword;
        Console.WriteLine($"  Demo users (password {password}):");
        foreach (var (email, _, role, _) in DemoData.Users) Console.WriteLine($"    {email,-34} {role}");
        Console.WriteLine();
    }
}
