using Digipaja.Core.Common;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin;

/// <summary>What every administration page shares: localized field errors, saving with conflict detection, notices.</summary>
public abstract class AdminPage(Texts texts) : PageModel
{
    protected Texts T { get; } = texts;

    /// <summary>Values another user saved while this user was editing; shown beside the form after a conflict.</summary>
    public IReadOnlyList<(string Label, string Value)>? ConflictingValues { get; protected set; }

    protected bool AddErrors(params FieldError?[] errors)
    {
        foreach (var e in errors.OfType<FieldError>())
            ModelState.AddModelError($"Input.{e.Field}", T[e.MessageKey]);
        return ModelState.IsValid;
    }

    protected void AddError(string field, string messageKey) => ModelState.AddModelError($"Input.{field}", T[messageKey]);

    /// <summary>
    /// Saves, reporting a concurrent change (the version the form was based on is no longer current)
    /// or a duplicate that slipped past the check as a form error instead of an exception.
    /// </summary>
    protected async Task<bool> TrySaveAsync(DbContext db, string? duplicateField = null, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", T["form.conflict"]);
        }
        catch (DbUpdateException) when (duplicateField is not null)
        {
            AddError(duplicateField, "validation.duplicate");
        }
        db.ChangeTracker.Clear();
        return false;
    }

    /// <summary>
    /// Holds the entity to the version the user's form was based on. A stale version is a conflict: the
    /// user's input stays in the form, and the stored values are shown so nothing is silently overwritten.
    /// </summary>
    protected bool CheckVersion<TEntity>(DbContext db, TEntity entity, int submittedVersion,
        params (string LabelKey, string Value)[] stored) where TEntity : class, IVersioned
    {
        if (entity.Version == submittedVersion)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = submittedVersion;
            return true;
        }
        ModelState.AddModelError("", T["form.conflict"]);
        ConflictingValues = stored.Select(s => (T[s.LabelKey], s.Value)).ToList();
        ModelState.Remove("Input.Version");
        return false;
    }

    protected void Notice(string key, params object?[] args) => TempData["Notice"] = T[key, args];
}
