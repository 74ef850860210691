using Digipaja.Web.Data;

namespace Digipaja.Web.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddDigipajaRealtime(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<WorksheetEventHub>();
        services.AddSingleton<Presence>();
        services.AddScoped<LiveEvents>();
        services.AddSingleton(config.GetSection("Realtime").Get<EventLogOptions>() ?? new EventLogOptions());
        services.AddHostedService<EventLogPruning>();
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        // SQLite is one node: the in-process hub is the whole fan-out. PostgreSQL may have many nodes.
        if (options.Provider == DatabaseProvider.Postgres)
            services.AddHostedService(sp => new PostgresNotifications(
                config.GetConnectionString("Digipaja")!, sp.GetRequiredService<WorksheetEventHub>(),
                sp.GetRequiredService<Accounts.TokenValidity>(), sp.GetRequiredService<ILogger<PostgresNotifications>>()));
        return services;
    }
}
