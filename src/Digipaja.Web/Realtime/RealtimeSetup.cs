using Digipaja.Web.Data;

namespace Digipaja.Web.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddDigipajaRealtime(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp =>
        {
            var hub = ActivatorUtilities.CreateInstance<WorksheetEventHub>(sp);
            // Every change of a user's access (on this node, or announced by another) makes their open streams check it again.
            sp.GetRequiredService<Accounts.TokenValidity>().Changed += hub.RecheckAccess;
            return hub;
        });
        services.AddSingleton(config.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions());
        services.AddSingleton<StreamLimits>();
        services.AddScoped<LiveEvents>();
        services.AddSingleton(config.GetSection("Realtime").Get<EventLogOptions>() ?? new EventLogOptions());
        services.AddHostedService<EventLogPruning>();
        services.AddHostedService<StreamHeartbeat>();
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        // SQLite is one node: the in-process hub is the whole fan-out. PostgreSQL may have many nodes.
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = config.GetConnectionString("Digipaja")!;
            services.AddSingleton(sp => new NewItemWriter(DatabaseSetup.WithPostgresDefaults(connectionString), sp.GetRequiredService<WorksheetEventHub>(),
                sp.GetRequiredService<ILogger<NewItemWriter>>()));
            services.AddHostedService(sp => sp.GetRequiredService<NewItemWriter>());
            services.AddSingleton(sp => new PostgresPresenceRelay(DatabaseSetup.WithPostgresDefaults(connectionString),
                sp.GetRequiredService<ILogger<PostgresPresenceRelay>>()));
            services.AddSingleton<IPresenceRelay>(sp => sp.GetRequiredService<PostgresPresenceRelay>());
            services.AddSingleton(sp =>
            {
                var relay = sp.GetRequiredService<PostgresPresenceRelay>();
                var presence = new Presence(sp.GetRequiredService<WorksheetEventHub>(), relay, sp.GetRequiredService<TimeProvider>());
                relay.Attach(presence);
                return presence;
            });
            services.AddHostedService(sp =>
            {
                _ = sp.GetRequiredService<Presence>(); // attached before the relay runs
                return sp.GetRequiredService<PostgresPresenceRelay>();
            });
            services.AddHostedService(sp => new PostgresNotifications(
                connectionString, sp.GetRequiredService<WorksheetEventHub>(), sp.GetRequiredService<Accounts.TokenValidity>(),
                sp.GetRequiredService<PostgresPresenceRelay>(), sp.GetRequiredService<ILogger<PostgresNotifications>>()));
        }
        else
        {
            services.AddSingleton<IPresenceRelay, NoPresenceRelay>();
            services.AddSingleton<Presence>();
        }
        return services;
    }
}
