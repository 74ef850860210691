using System.Collections.Concurrent;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Realtime;

/// <summary>
/// Who has a worksheet open, and in which section. Joining, moving and leaving are events of the worksheet's stream,
/// so every app node sees them; the current list is the fold of those events.
/// </summary>
public sealed class Presence(IServiceScopeFactory scopes, ILogger<Presence> log)
{
    public sealed record Person(Guid ConnectionId, Guid UserId, string Name, string? SectionKey);
    public sealed record Change(string State, Person Person);

    // Connections open on this node, so that a section change can name its worksheet.
    private readonly ConcurrentDictionary<Guid, (Worksheet Sheet, Person Person)> local = new();

    public Task JoinAsync(Worksheet sheet, Guid connection, Guid user, string name, CancellationToken ct)
    {
        var person = new Person(connection, user, name, null);
        local[connection] = (sheet, person);
        return PublishAsync(sheet, new Change("joined", person), ct);
    }

    public async Task LeaveAsync(Worksheet sheet, Guid connection)
    {
        if (!local.TryRemove(connection, out var entry)) return;
        try
        {
            await PublishAsync(sheet, new Change("left", entry.Person), CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not record that a connection left worksheet {Worksheet}", sheet.Id);
        }
    }

    /// <summary>The people present now, from the presence events of the last hours.</summary>
    public static async Task<List<Person>> CurrentAsync(DigipajaDb db, Guid worksheetId, DateTime now, CancellationToken ct)
    {
        var since = now.AddHours(-12);
        var changes = await db.WorksheetEvents.Where(e => e.WorksheetId == worksheetId && e.Type == "presence" && e.At > since)
            .OrderBy(e => e.Seq).Select(e => e.Payload).ToListAsync(ct);
        var present = new Dictionary<Guid, Person>();
        foreach (var payload in changes)
        {
            var change = System.Text.Json.JsonSerializer.Deserialize<Change>(payload, LiveEvents.Json)!;
            if (change.State == "left") present.Remove(change.Person.ConnectionId);
            else present[change.Person.ConnectionId] = change.Person;
        }
        return present.Values.ToList();
    }

    private async Task PublishAsync(Worksheet sheet, Change change, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var events = scope.ServiceProvider.GetRequiredService<LiveEvents>();
        await events.SaveWithEventAsync(sheet, "presence", change, ct: ct);
    }
}
