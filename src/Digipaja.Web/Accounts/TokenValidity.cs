using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Digipaja.Web.Accounts;

public sealed class TokenValidityOptions
{
    /// <summary>
    /// How long a user's state (active, security stamp) is trusted without reading it again. Changes made through
    /// the app are forgotten at once (on every node), so this only bounds changes made behind the app's back.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Decides whether a sign-in (an API token, a sign-in cookie or an open live stream) is still good: its user is active,
/// their security stamp is the one it carries and, for a token, their role is still the one it carries. Every request
/// asks, so the user's state is kept in memory per user instead of loading the user each time; a saved change to a
/// user (deactivation, role, new password, sign-out) or to their series memberships forgets it at commit on this node,
/// and on PostgreSQL a NOTIFY makes every other node forget it too, so a revoked sign-in is refused at once everywhere.
/// Whoever else holds access decided earlier (the live streams) listens to <see cref="Changed"/>.
/// </summary>
public sealed class TokenValidity(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TokenValidityOptions options,
    TimeProvider time, ILogger<TokenValidity> log)
{
    public const string Channel = "digipaja_user_changes";

    /// <summary>A user's state as the checks need it; <see cref="Version"/> changes with every saved change of the user.</summary>
    public sealed record UserState(bool IsActive, string? Stamp, Role Role, int Version);

    private sealed record Entry(UserState State, long ReadAt);

    private readonly ConcurrentDictionary<Guid, Entry> known = new();
    // Raised by every change; a read that started before a change does not store what it read.
    private long generation;

    public int KnownUsers => known.Count;

    /// <summary>
    /// Users whose access may have changed, committed on this node or announced by another; null when anyone's may
    /// have (the announcements from other nodes were interrupted). Called outside any lock; listeners must be quick.
    /// </summary>
    public event Action<IReadOnlyCollection<Guid>?>? Changed;

    /// <summary>
    /// An API token is good while its user is active, has the stamp it was issued with and still has the role it
    /// carries: authorization reads the role from the token, so a token must not outlive a change of role.
    /// </summary>
    public async ValueTask<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        await StateIfValidAsync(principal, ct) is { } state && principal.IsInRole(state.Role.ToString());

    /// <summary>
    /// The current state of the principal's user when the principal is still good (active, same security stamp);
    /// null when it is not. Sign-in cookies are checked with this on every request.
    /// </summary>
    public async ValueTask<UserState?> StateIfValidAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (!Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)) return null;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var state = await StateAsync(userId, ct);
        return state.IsActive && stamp is not null && stamp == state.Stamp ? state : null;
    }

    /// <summary>The user's state, from memory when it was read recently and nothing announced a change since.</summary>
    public async ValueTask<UserState> StateAsync(Guid userId, CancellationToken ct = default)
    {
        if (!known.TryGetValue(userId, out var entry) || time.GetElapsedTime(entry.ReadAt) > options.KeepFor)
            entry = await ReadAsync(userId, ct);
        return entry.State;
    }

    private async Task<Entry> ReadAsync(Guid userId, CancellationToken ct)
    {
        var before = Interlocked.Read(ref generation);
        var readAt = time.GetTimestamp();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
        // The token's user id comes from a data-protected ticket, so the id alone names the user.
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.SecurityStamp, u.Role, u.Version }).SingleOrDefaultAsync(ct);
        var entry = new Entry(user is null ? new UserState(false, null, Role.Viewer, 0) : new UserState(user.IsActive, user.SecurityStamp, user.Role, user.Version),
            readAt);
        if (Interlocked.Read(ref generation) == before) known[userId] = entry;
        return entry;
    }

    /// <summary>These users changed (committed on this node or another): read them again on their next request.</summary>
    public void Forget(IReadOnlyCollection<Guid> userIds)
    {
        Interlocked.Increment(ref generation);
        foreach (var id in userIds) known.TryRemove(id, out _);
        Announce(userIds);
    }

    /// <summary>After the cross-node connection was lost, a change may have gone unheard: forget everyone.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        known.Clear();
        Announce(null);
    }

    private void Announce(IReadOnlyCollection<Guid>? userIds)
    {
        try
        {
            Changed?.Invoke(userIds);
        }
        catch (Exception e)
        {
            // A listener's failure must not undo the forgetting, nor fail the save that caused it.
            log.LogError(e, "A listener of user changes failed");
        }
    }

    /// <summary>
    /// Users changed and committed through <paramref name="db"/>: forget them here and, on PostgreSQL, tell the other
    /// nodes on the same connection pool as the change itself (no connection of its own that could be refused).
    /// </summary>
    internal async Task ChangedAsync(DbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        Forget(userIds);
        if (!db.Database.IsNpgsql()) return;
        try
        {
            // On the connection itself, outside EF's transaction handling: this also runs right after a caller's own
            // transaction committed, when EF still holds that finished transaction.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                foreach (var id in userIds)
                {
                    await using var notify = connection.CreateCommand();
                    notify.CommandText = $"SELECT pg_notify('{Channel}', '{id}')";
                    await notify.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The other nodes read the user again within KeepFor at the latest.
            log.LogWarning(e, "Could not tell the other app nodes that {Count} users changed", userIds.Count);
        }
    }
}

/// <summary>
/// Watches saves for changed users, and for series memberships changed or removed (which take away a user's access to
/// the series' worksheets), and hands those users to <see cref="TokenValidity"/> once they are committed: right
/// after SaveChanges, or when the caller's own transaction commits.
/// </summary>
public sealed class UserChangesInterceptor(TokenValidity validity) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await Flush(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) pending.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken) => Flush(eventData.Context, cancellationToken);

    void IDbTransactionInterceptor.TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) pending.Remove(context);
    }

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken)
    {
        if (eventData.Context is { } context) pending.Remove(context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        HashSet<Guid>? ids = null;
        foreach (var entry in context.ChangeTracker.Entries<AppUser>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted)) continue;
            ids ??= pending.GetOrCreateValue(context);
            ids.Add(entry.Entity.Id);
        }
        foreach (var entry in context.ChangeTracker.Entries<Digipaja.Core.Workshops.SeriesMember>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted)) continue;
            ids ??= pending.GetOrCreateValue(context);
            ids.Add(entry.Entity.UserId);
            // A membership moved to another user takes access from the one it was.
            if (entry.Property(m => m.UserId).OriginalValue is var was && was != entry.Entity.UserId) ids.Add(was);
        }
    }

    private Task Flush(DbContext? context, CancellationToken ct)
    {
        if (context is null || !pending.TryGetValue(context, out var ids)) return Task.CompletedTask;
        pending.Remove(context);
        return ids.Count == 0 ? Task.CompletedTask : validity.ChangedAsync(context, ids, ct);
    }
}
