using Digipaja.Core.Common;

namespace Digipaja.Web.Features.Admin.Templates;

public sealed record LangFieldsView(string IdPrefix, string Name, string Legend, LocalizedText Value, bool Multiline = false, bool Required = false);
