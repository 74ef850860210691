using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Workshops;

/// <summary>
/// A series at a glance: its service lines, the four workshops, the worksheets, the members and the pre-tasks.
/// Facilitators manage members and pre-tasks here; each participant ticks off their own pre-tasks.
/// </summary>
public sealed class SeriesModel(DigipajaDb db, Access access, Caller caller, BuiltInContent content, TimeProvider clock, Texts texts)
    : WorkshopsPage(texts)
{
    public sealed class InviteInput
    {
        public string? UserId { get; set; }
        public string? Role { get; set; } = nameof(SeriesRole.Participant);
    }

    public sealed class TaskInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    public sealed record Line(string Code, string Name);
    public sealed record SheetLink(Guid Id, string Title);
    /// <summary>Worksheets grouped by what covers them: "wave-1", "wave-2", "change", or "other" (later waves).</summary>
    public sealed record SheetGroup(string Covers, Workshop? Workshop, List<SheetLink> Sheets);
    public sealed record Member(Guid Id, Guid UserId, string Name, SeriesRole Role, bool CanRemove);
    public sealed record Assignee(Guid AssignmentId, Guid UserId, string Name, DateTime? DoneAt);
    public sealed record TaskRow(PreTask Task, List<Assignee> Assignees);

    [BindProperty] public InviteInput Invite { get; set; } = new();
    [BindProperty] public TaskInput NewTask { get; set; } = new();

    public WorkshopSeries Series { get; private set; } = null!;
    public bool CanFacilitate { get; private set; }
    public Guid? Me => caller.UserId;
    public List<Line> Lines { get; private set; } = [];
    public List<Workshop> Workshops { get; private set; } = [];
    public List<SheetGroup> SheetGroups { get; private set; } = [];
    public List<Member> Members { get; private set; } = [];
    public List<SelectListItem> Candidates { get; private set; } = [];
    public List<TaskRow> Tasks { get; private set; } = [];
    public List<string> Tips { get; private set; } = [];

    public List<SelectListItem> RoleOptions =>
    [
        new(T["series.role.participant"], nameof(SeriesRole.Participant)),
        new(T["series.role.facilitator"], nameof(SeriesRole.Facilitator)),
    ];

    /// <summary>The pre-tasks assigned to the caller, which only they can tick off.</summary>
    public IEnumerable<(PreTask Task, Assignee Assignment)> MyTasks =>
        Tasks.SelectMany(t => t.Assignees.Where(a => a.UserId == Me).Select(a => (t.Task, a)));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await AuthorizeAsync(id, SeriesPermission.Participate, ct) ?? await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Facilitate, ct) is { } denied) return denied;
        var userId = Guid.TryParse(Invite.UserId, out var parsed) ? parsed : (Guid?)null;
        var role = Enum.TryParse<SeriesRole>(Invite.Role, out var r) && Enum.IsDefined(r) ? r : (SeriesRole?)null;
        AddErrorsTo("Invite", userId is null ? new FieldError("UserId", "validation.choose") : null,
            role is null ? new FieldError("Role", "validation.choose") : null);
        if (userId is { } uid)
        {
            // Users are not behind the county filter: only an active user of the caller's own county can be invited.
            var user = await Invitable(id).Where(u => u.Id == uid).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
            if (user is null)
                AddErrorsTo("Invite", await db.SeriesMembers.AnyAsync(m => m.SeriesId == id && m.UserId == uid, ct)
                    ? new FieldError("UserId", "series.members.already_member")
                    : new FieldError("UserId", "series.members.unknown_user"));
            if (ModelState.IsValid)
            {
                db.SeriesMembers.Add(new SeriesMember { SeriesId = id, UserId = uid, Role = role!.Value });
                if (await TrySaveAsync(db, ct: ct))
                {
                    Notice("series.members.notice.invited", user!.DisplayName);
                    return RedirectToPage(null, null, new { id }, "members");
                }
            }
        }
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid id, Guid memberId, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Facilitate, ct) is { } denied) return denied;
        var member = await db.SeriesMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.SeriesId == id, ct);
        if (member is null) return NotFound();
        if (!await CanRemoveAsync(member, ct))
        {
            ModelState.AddModelError("", T["series.members.last_facilitator"]);
            return await ShowAsync(id, ct);
        }
        var name = await UserName(member.UserId, ct);
        // The member's own pre-tasks go with them; the history keeps what they did.
        db.PreTaskAssignments.RemoveRange(await db.PreTaskAssignments.Where(a => a.SeriesId == id && a.UserId == member.UserId).ToListAsync(ct));
        db.SeriesMembers.Remove(member);
        if (!await TrySaveAsync(db, ct: ct)) return await ShowAsync(id, ct);
        Notice("series.members.notice.removed", name);
        return RedirectToPage(null, null, new { id }, "members");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid taskId, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Facilitate, ct) is { } denied) return denied;
        var task = await db.PreTasks.Include(t => t.Assignments).SingleOrDefaultAsync(t => t.Id == taskId && t.SeriesId == id, ct);
        if (task is null) return NotFound();
        var participants = await db.SeriesMembers.Where(m => m.SeriesId == id && m.Role == SeriesRole.Participant)
            .Select(m => m.UserId).ToListAsync(ct);
        if (participants.Count == 0)
        {
            ModelState.AddModelError("", T["series.tasks.no_participants"]);
            return await ShowAsync(id, ct);
        }
        // Assigning again only reaches the participants who joined since: nobody gets the same task twice.
        var missing = participants.Except(task.Assignments.Select(a => a.UserId)).ToList();
        db.PreTaskAssignments.AddRange(missing.Select(u => new PreTaskAssignment { PreTaskId = task.Id, SeriesId = id, UserId = u }));
        if (!await TrySaveAsync(db, ct: ct)) return await ShowAsync(id, ct);
        if (missing.Count == 0) Notice("series.tasks.notice.all_assigned", task.Title);
        else Notice("series.tasks.notice.assigned", task.Title, missing.Count);
        return RedirectToPage(null, null, new { id }, "pre-tasks");
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid assignmentId, bool done, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Participate, ct) is { } denied) return denied;
        var assignment = await db.PreTaskAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.SeriesId == id, ct);
        if (assignment is null) return NotFound();
        // Only the assignee ticks off their own task; not even a facilitator does it for them.
        if (assignment.UserId != caller.UserId) return Forbid();
        assignment.DoneAt = done ? clock.GetUtcNow().UtcDateTime : null;
        if (!await TrySaveAsync(db, ct: ct)) return await ShowAsync(id, ct);
        return RedirectToPage(null, null, new { id }, "my-tasks");
    }

    public async Task<IActionResult> OnPostAddTaskAsync(Guid id, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Facilitate, ct) is { } denied) return denied;
        if (!AddErrorsTo("NewTask", TextRules.CheckRequired("Title", NewTask.Title, TextRules.NameMaxLength),
                TextRules.CheckOptional("Description", NewTask.Description, TextRules.DescriptionMaxLength)))
            return await ShowAsync(id, ct);
        var position = await db.PreTasks.Where(t => t.SeriesId == id).Select(t => (int?)t.Position).MaxAsync(ct) ?? -1;
        var task = new PreTask
        {
            SeriesId = id, Position = position + 1, Title = NewTask.Title!.Trim(), Description = NewTask.Description?.Trim() ?? "",
        };
        db.PreTasks.Add(task);
        if (!await TrySaveAsync(db, ct: ct)) return await ShowAsync(id, ct);
        Notice("series.tasks.notice.added", task.Title);
        return RedirectToPage(null, null, new { id }, "pre-tasks");
    }

    public async Task<IActionResult> OnPostRemoveTaskAsync(Guid id, Guid taskId, int version, CancellationToken ct)
    {
        if (await AuthorizeAsync(id, SeriesPermission.Facilitate, ct) is { } denied) return denied;
        var task = await db.PreTasks.Include(t => t.Assignments).SingleOrDefaultAsync(t => t.Id == taskId && t.SeriesId == id, ct);
        if (task is null) return NotFound();
        if (!CheckVersion(db, task, version, ("series.tasks.title", task.Title), ("series.tasks.description", task.Description)))
            return await ShowAsync(id, ct);
        db.PreTaskAssignments.RemoveRange(task.Assignments);
        db.PreTasks.Remove(task);
        if (!await TrySaveAsync(db, ct: ct)) return await ShowAsync(id, ct);
        Notice("series.tasks.notice.removed", task.Title);
        return RedirectToPage(null, null, new { id }, "pre-tasks");
    }

    /// <summary>404 for a series that is not the caller's county's (or does not exist), 403 without the permission.</summary>
    private async Task<IActionResult?> AuthorizeAsync(Guid id, SeriesPermission needed, CancellationToken ct)
    {
        var series = await db.WorkshopSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (series is null) return NotFound();
        var permission = await access.InSeriesAsync(id, ct);
        if (permission < needed || permission == SeriesPermission.None) return Forbid();
        Series = series;
        CanFacilitate = permission == SeriesPermission.Facilitate;
        return null;
    }

    /// <summary>Active users of the caller's county who may take part (viewers read plans only) and are not members yet.</summary>
    private IQueryable<AppUser> Invitable(Guid seriesId) =>
        db.Users.Where(u => u.CountyId == db.CountyId && u.IsActive && u.Role != Role.Viewer
                            && !db.SeriesMembers.Any(m => m.SeriesId == seriesId && m.UserId == u.Id));

    /// <summary>A facilitator may not remove themselves when nobody else facilitates the series.</summary>
    private async Task<bool> CanRemoveAsync(SeriesMember member, CancellationToken ct) =>
        !(member.UserId == caller.UserId && member.Role == SeriesRole.Facilitator
          && await db.SeriesMembers.CountAsync(m => m.SeriesId == member.SeriesId && m.Role == SeriesRole.Facilitator, ct) <= 1);

    private Task<string> UserName(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && u.CountyId == db.CountyId).Select(u => u.DisplayName).SingleAsync(ct);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        Lines = await db.SeriesServiceLines.Where(l => l.SeriesId == id)
            .Join(db.ServiceLines, sl => sl.ServiceLineId, l => l.Id, (sl, l) => new Line(l.Code, l.Name))
            .ToListAsync(ct);
        Lines = [.. Lines.OrderBy(l => l.Code, StringComparer.Ordinal)];
        Workshops = await db.Workshops.Include(w => w.Agenda).Where(w => w.SeriesId == id).OrderBy(w => w.Number)
            .AsNoTracking().ToListAsync(ct);

        var sheets = await db.Worksheets.Where(w => w.SeriesId == id).OrderBy(w => w.CreatedAt)
            .Select(w => new
            {
                w.Id, w.Title, w.Template!.Kind,
                Wave = db.Functionalities.Where(f => f.Id == w.FunctionalityId).Select(f => (int?)f.Wave).FirstOrDefault(),
            }).ToListAsync(ct);
        SheetGroups = sheets
            .GroupBy(s => s.Kind == TemplateDefinition.Change ? "change" : s.Wave is 1 or 2 ? $"wave-{s.Wave}" : "other")
            .Select(g => new SheetGroup(g.Key, Workshops.FirstOrDefault(w => w.Covers == g.Key),
                g.Select(s => new SheetLink(s.Id, s.Title)).ToList()))
            .OrderBy(g => g.Workshop?.Number ?? int.MaxValue).ToList();

        var members = await db.SeriesMembers.Where(m => m.SeriesId == id)
            .Join(db.Users.Where(u => u.CountyId == db.CountyId), m => m.UserId, u => u.Id,
                (m, u) => new { m.Id, m.UserId, u.DisplayName, m.Role })
            .ToListAsync(ct);
        var facilitators = members.Count(m => m.Role == SeriesRole.Facilitator);
        Members = members.OrderBy(m => m.Role).ThenBy(m => m.DisplayName)
            .Select(m => new Member(m.Id, m.UserId, m.DisplayName, m.Role,
                !(m.UserId == caller.UserId && m.Role == SeriesRole.Facilitator && facilitators <= 1)))
            .ToList();
        var names = members.ToDictionary(m => m.UserId, m => m.DisplayName);

        if (CanFacilitate)
        {
            // Ids are turned into text here, not in SQL: SQLite would spell them in upper case.
            var candidates = await Invitable(id).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
            Candidates = candidates.Select(u => new SelectListItem($"{u.DisplayName} ({u.Email})", u.Id.ToString())).ToList();
            Tips = content.Series.Tips.Select(t => t.In(Texts.CurrentLanguage)).ToList();
        }

        var tasks = await db.PreTasks.Include(t => t.Assignments).Where(t => t.SeriesId == id).OrderBy(t => t.Position)
            .AsNoTracking().ToListAsync(ct);
        Tasks = tasks.Select(t => new TaskRow(t, t.Assignments
                .Select(a => new Assignee(a.Id, a.UserId, names.GetValueOrDefault(a.UserId, ""), a.DoneAt))
                .OrderBy(a => a.Name).ToList()))
            .ToList();
        return Page();
    }
}
