using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>The state of a dot vote as the page and the live stream show it: votes per note, open or closed.</summary>
public sealed record VoteDto(Guid SessionId, string SectionKey, int VotesPerPerson, bool Open, Dictionary<Guid, int> Counts);

/// <summary>
/// Dot voting and "follow me": the facilitator opens a vote on a section with N votes per person, everyone puts their
/// dots on notes of that section; the counts stay hidden until the vote closes and are then kept with the worksheet.
/// </summary>
public sealed class DotVoting(DigipajaDb db, WorksheetEditor editor, LiveEvents live, Caller caller, TimeProvider time)
{
    /// <summary>The latest vote of the worksheet with its counts, or null when none was ever opened.</summary>
    public async Task<VoteDto?> LatestAsync(Guid worksheetId, CancellationToken ct = default)
    {
        var session = await db.VoteSessions.Where(v => v.WorksheetId == worksheetId).OrderByDescending(v => v.OpenedAt).FirstOrDefaultAsync(ct);
        return session is null ? null : await DtoAsync(session, ct);
    }

    public async Task<EditResult<VoteDto>> OpenAsync(Guid worksheetId, string sectionKey, int votesPerPerson, CancellationToken ct = default)
    {
        if (await editor.LoadAsync(worksheetId, ct) is not { } context) return EditResult<VoteDto>.NotFound();
        if (!context.CanFacilitate) return EditResult<VoteDto>.Forbidden();
        if (context.Template.Sections.All(s => s.Key != sectionKey))
            return EditResult<VoteDto>.Invalid(new FieldError("sectionKey", "worksheet.unknown_section"));
        if (DotVote.CheckVotesPerPerson(votesPerPerson) is { } outOfRange)
            return EditResult<VoteDto>.Invalid(new FieldError("votes", outOfRange));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var open in await db.VoteSessions.Where(v => v.WorksheetId == worksheetId && v.ClosedAt == null).ToListAsync(ct))
            open.ClosedAt = now;
        var session = new VoteSession { WorksheetId = worksheetId, SectionKey = sectionKey, VotesPerPerson = votesPerPerson, OpenedAt = now };
        db.VoteSessions.Add(session);
        var dto = new VoteDto(session.Id, sectionKey, votesPerPerson, true, []);
        await live.SaveWithEventAsync(context.Sheet, "vote", dto, ct: ct);
        return EditResult<VoteDto>.Ok(dto);
    }

    public async Task<EditResult<VoteDto>> CloseAsync(Guid worksheetId, CancellationToken ct = default)
    {
        if (await editor.LoadAsync(worksheetId, ct) is not { } context) return EditResult<VoteDto>.NotFound();
        if (!context.CanFacilitate) return EditResult<VoteDto>.Forbidden();
        var session = await db.VoteSessions.Where(v => v.WorksheetId == worksheetId && v.ClosedAt == null).FirstOrDefaultAsync(ct);
        if (session is null) return EditResult<VoteDto>.Invalid(new FieldError("", "vote.not_open"));
        session.ClosedAt = time.GetUtcNow().UtcDateTime;
        var dto = await DtoAsync(session, ct);
        await live.SaveWithEventAsync(context.Sheet, "vote", dto, ct: ct);
        return EditResult<VoteDto>.Ok(dto);
    }

    /// <summary>Puts one of the caller's dots on a note (add) or takes one back (remove).</summary>
    public async Task<EditResult<VoteDto>> CastAsync(Guid worksheetId, Guid itemId, bool add, CancellationToken ct = default)
    {
        if (await editor.LoadAsync(worksheetId, ct) is not { } context) return EditResult<VoteDto>.NotFound();
        if (context.Permission == SeriesPermission.None) return EditResult<VoteDto>.Forbidden();
        var session = await db.VoteSessions.Where(v => v.WorksheetId == worksheetId && v.ClosedAt == null).FirstOrDefaultAsync(ct);
        if (session is null) return EditResult<VoteDto>.Invalid(new FieldError("", "vote.not_open"));
        var item = await db.WorksheetItems.SingleOrDefaultAsync(i => i.Id == itemId && i.WorksheetId == worksheetId && !i.IsDeleted, ct);
        if (item is null || !item.IsVisibleTo(caller.UserId)) return EditResult<VoteDto>.NotFound();
        if (context.Template.SectionOf(item.CellKey)?.Key != session.SectionKey)
            return EditResult<VoteDto>.Invalid(new FieldError("", "vote.other_section"));
        var user = caller.UserId!.Value;
        VoteDto? dto = null;
        if (add)
        {
            // Counted under the worksheet's lock, so that votes cast at the same moment cannot all see room left.
            var cast = await live.SaveWithEventAsync(context.Sheet, "vote", async () =>
            {
                if (!DotVote.HasDotLeft(await db.Votes.CountAsync(v => v.SessionId == session.Id && v.UserId == user, ct), session.VotesPerPerson)) return false;
                db.Votes.Add(new Vote { SessionId = session.Id, WorksheetId = worksheetId, ItemId = itemId, UserId = user });
                return true;
            }, async () => dto = await DtoAsync(session, ct), ct);
            return cast ? EditResult<VoteDto>.Ok(dto!) : EditResult<VoteDto>.Invalid(new FieldError("", "vote.no_votes_left"));
        }
        else
        {
            var mine = await db.Votes.Where(v => v.SessionId == session.Id && v.UserId == user && v.ItemId == itemId).FirstOrDefaultAsync(ct);
            if (mine is null) return EditResult<VoteDto>.Invalid(new FieldError("", "vote.none_to_remove"));
            db.Votes.Remove(mine);
        }
        await live.SaveWithEventAsync(context.Sheet, "vote", async () => dto = await DtoAsync(session, ct), ct: ct);
        return EditResult<VoteDto>.Ok(dto!);
    }

    /// <summary>Brings everyone who follows the facilitator to a section.</summary>
    public async Task<EditResult<string>> FollowAsync(Guid worksheetId, string sectionKey, CancellationToken ct = default)
    {
        if (await editor.LoadAsync(worksheetId, ct) is not { } context) return EditResult<string>.NotFound();
        if (!context.CanFacilitate) return EditResult<string>.Forbidden();
        if (context.Template.Sections.All(s => s.Key != sectionKey))
            return EditResult<string>.Invalid(new FieldError("sectionKey", "worksheet.unknown_section"));
        await live.SaveWithEventAsync(context.Sheet, "follow", new { sectionKey, by = caller.UserName }, ct: ct);
        return EditResult<string>.Ok(sectionKey);
    }

    /// <summary>The caller's own dots of a vote, per note: the only counts anyone sees while a vote is open.</summary>
    public async Task<Dictionary<Guid, int>> MyVotesAsync(Guid sessionId, CancellationToken ct = default) =>
        await db.Votes.Where(v => v.SessionId == sessionId && v.UserId == caller.UserId).GroupBy(v => v.ItemId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private async Task<VoteDto> DtoAsync(VoteSession session, CancellationToken ct)
    {
        // While a vote is open its counts are neither shown nor sent, so the first dots do not steer the rest of the room;
        // they are shown, ranked, when the facilitator closes it.
        var counts = DotVote.CountsVisible(open: session.ClosedAt is null)
            ? await db.Votes.Where(v => v.SessionId == session.Id).GroupBy(v => v.ItemId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)
            : [];
        return new VoteDto(session.Id, session.SectionKey, session.VotesPerPerson, session.ClosedAt is null, counts);
    }
}
