using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Templates;

/// <summary>A text in the three languages as a form posts it.</summary>
public sealed class LangInput
{
    public string? Fi { get; set; }
    public string? Sv { get; set; }
    public string? En { get; set; }

    public static LangInput From(LocalizedText text) => new() { Fi = text.GetValueOrDefault("fi"), Sv = text.GetValueOrDefault("sv"), En = text.GetValueOrDefault("en") };

    public LocalizedText ToText() => new(new Dictionary<string, string>
    {
        ["fi"] = Fi?.Trim() ?? "", ["sv"] = Sv?.Trim() ?? "", ["en"] = En?.Trim() ?? "",
    });

    public FieldError? Check(string field, bool required, int max = 4000) =>
        (required ? TextRules.CheckRequired(field, Fi, max) : TextRules.CheckOptional(field, Fi, max))
        ?? TextRules.CheckOptional(field, Sv, max) ?? TextRules.CheckOptional(field, En, max);
}

[BodyLimit(BodyLimits.Templates)]
public sealed class EditModel(DigipajaDb db, TemplateTailoring tailoring, Texts texts) : AdminPage(texts)
{
    public WorksheetTemplate Template { get; private set; } = null!;
    public TemplateDefinition Definition { get; private set; } = null!;
    public int UsedBy { get; private set; }
    /// <summary>Which form failed, so its errors show beside it.</summary>
    public string? FailedForm { get; private set; }

    [BindProperty] public LangInput Title { get; set; } = new();
    [BindProperty] public LangInput Text2 { get; set; } = new();
    [BindProperty] public LangInput Text3 { get; set; } = new();
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int IdeationMinutes { get; set; }
    [BindProperty] public bool Optional { get; set; }
    [BindProperty] public int Revision { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostNameAsync(Guid id, CancellationToken ct) => Change(id, "name", d =>
    {
        if ((Title.Check("Title", required: true, TextRules.NameMaxLength) ?? Text2.Check("Text2", false)) is { } e) return e;
        d.Name = Title.ToText();
        d.Description = Text2.ToText();
        return null;
    }, ct);

    public Task<IActionResult> OnPostSectionAsync(Guid id, string section, CancellationToken ct) => Change(id, $"section-{section}", d =>
    {
        var s = d.Sections.FirstOrDefault(x => x.Key == section);
        if (s is null) return new FieldError("", "template.unknown_part");
        if ((Title.Check("Title", true, TextRules.NameMaxLength) ?? Text2.Check("Text2", false) ?? Text3.Check("Text3", false)) is { } e) return e;
        if (TemplateEdits.CheckIdeationMinutes("IdeationMinutes", IdeationMinutes) is { } minutes) return minutes;
        s.Title = Title.ToText();
        s.Guidance = Text2.ToText();
        s.Example = Text3.ToText();
        s.IdeationMinutes = IdeationMinutes;
        s.Optional = Optional;
        return null;
    }, ct);

    public Task<IActionResult> OnPostCellAsync(Guid id, string cell, CancellationToken ct) => Change(id, $"cell-{cell}", d =>
    {
        var c = d.FindCell(cell);
        if (c is null) return new FieldError("", "template.unknown_part");
        if ((Title.Check("Title", true, TextRules.NameMaxLength) ?? Text2.Check("Text2", false) ?? Text3.Check("Text3", false)) is { } e) return e;
        c.Title = Title.ToText();
        c.Hint = Text2.ToText();
        c.Example = Text3.ToText();
        return null;
    }, ct);

    public Task<IActionResult> OnPostRemoveSectionAsync(Guid id, string section, CancellationToken ct) =>
        Change(id, $"section-{section}", d => TemplateEdits.RemoveSection(d, section), ct);

    public Task<IActionResult> OnPostRemoveCellAsync(Guid id, string cell, CancellationToken ct) =>
        Change(id, $"cell-{cell}", d => TemplateEdits.RemoveCell(d, cell), ct);

    public Task<IActionResult> OnPostAddCellAsync(Guid id, string section, CancellationToken ct) => Change(id, $"add-cell-{section}", d =>
    {
        if ((Title.Check("Title", true, TextRules.NameMaxLength) ?? Text2.Check("Text2", false)) is { } e) return e;
        if (!Enum.TryParse<CellKind>(Kind, out var kind) || !Enum.IsDefined(kind)) return new FieldError("Kind", "validation.choose");
        return TemplateEdits.AddCell(d, section, Key, kind, Title.ToText(), Text2.ToText());
    }, ct);

    public Task<IActionResult> OnPostAddSectionAsync(Guid id, CancellationToken ct) => Change(id, "add-section", d =>
        Title.Check("Title", true, TextRules.NameMaxLength) ?? TemplateEdits.AddSection(d, Key, Title.ToText()), ct);

    private async Task<IActionResult> Change(Guid id, string form, Func<TemplateDefinition, FieldError?> change, CancellationToken ct)
    {
        var outcome = await tailoring.ChangeAsync(id, Revision, change, ct);
        if (outcome.Template is null) return NotFound();
        if (outcome.Conflict) ModelState.AddModelError("", T["form.conflict"]);
        else if (outcome.Error is { } error) ModelState.AddModelError(error.Field, T[error.MessageKey]);
        else
        {
            Notice(outcome.NewVersion ? "template.notice.new_version" : "admin.notice.saved", outcome.NewVersion ? outcome.Template.Version : outcome.Template.Name);
            return Redirect($"/Admin/Templates/Edit/{outcome.Template.Id}");
        }
        FailedForm = form;
        await ShowAsync(id, ct);
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken ct)
    {
        var template = await db.WorksheetTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return false;
        Template = template;
        Definition = template.Parse();
        UsedBy = await db.Worksheets.CountAsync(w => w.TemplateId == id, ct);
        return true;
    }

    public string Lang => Texts.CurrentLanguage;
    public IReadOnlyList<string> ErrorsOf(string form) =>
        FailedForm == form ? ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList() : [];
}
