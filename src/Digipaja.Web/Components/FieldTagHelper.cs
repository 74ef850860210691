using System.Text.Encodings.Web;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Digipaja.Web.Components;

/// <summary>
/// One form field: label, optional hint, the error message and the control, wired together.
/// Accessibility: the label names the control (for/id); hint and error are read with it through
/// aria-describedby; a field at fault carries aria-invalid and its message starts with a hidden
/// "Error:" so that colour is never the only signal (WCAG 1.3.1, 1.4.1, 3.3.1, 3.3.2, 4.1.2).
/// </summary>
[HtmlTargetElement("dp-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(Texts T) : TagHelper
{
    public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    /// <summary>text, email, password, number, textarea or select.</summary>
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public bool Required { get; set; }
    public int? MaxLength { get; set; }
    public IEnumerable<SelectListItem>? Options { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        // After a failed post, show exactly what the user typed, not what the model holds.
        var value = state?.AttemptedValue ?? For.Model?.ToString() ?? "";

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field" : "field field--error");

        var describedBy = new List<string>();
        var html = output.Content;
        html.AppendHtml($"<label for=\"{id}\">");
        html.Append(Label);
        if (!Required) html.AppendHtml(" <span class=\"optional\">").Append(T["form.optional"]).AppendHtml("</span>");
        html.AppendHtml("</label>");
        if (Hint is not null)
        {
            describedBy.Add($"{id}-hint");
            html.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">").Append(Hint).AppendHtml("</p>");
        }
        if (error is not null)
        {
            describedBy.Add($"{id}-error");
            html.AppendHtml($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">")
                .Append(T["form.error_prefix"]).AppendHtml("</span> ").Append(error).AppendHtml("</p>");
        }

        var control = new TagBuilder(Type switch { "textarea" => "textarea", "select" => "select", _ => "input" });
        control.Attributes["id"] = id;
        control.Attributes["name"] = name;
        if (Type is not ("textarea" or "select"))
        {
            control.Attributes["type"] = Type;
            if (Type != "password") control.Attributes["value"] = value;
            control.TagRenderMode = TagRenderMode.SelfClosing;
        }
        if (Autocomplete is not null) control.Attributes["autocomplete"] = Autocomplete;
        if (Required) control.Attributes["required"] = "required";
        if (MaxLength is { } max) control.Attributes["maxlength"] = max.ToString();
        if (describedBy.Count > 0) control.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        if (error is not null) control.Attributes["aria-invalid"] = "true";
        if (Type == "textarea")
        {
            control.Attributes["rows"] = "4";
            control.InnerHtml.Append(value);
        }
        if (Type == "select")
        {
            foreach (var option in Options ?? [])
            {
                var o = new TagBuilder("option");
                o.Attributes["value"] = option.Value;
                if (option.Value == value) o.Attributes["selected"] = "selected";
                o.InnerHtml.Append(option.Text);
                control.InnerHtml.AppendHtml(o);
            }
        }
        using var writer = new StringWriter();
        control.WriteTo(writer, HtmlEncoder.Default);
        html.AppendHtml(writer.ToString());
    }
}
