namespace Digipaja.Web;

/// <summary>
/// The address people reach the app at, from <c>App:PublicUrl</c> (for example https://digipaja.hyvaks.fi), used for
/// every absolute link the app writes: the invitation's link to the series and the redirects to sign-in and to the
/// status pages. A request's Host header is the client's to choose, so it never decides where a link leads. Without
/// the setting (development, tests) links follow the request, and <c>AllowedHosts</c> limits which hosts it may name.
/// </summary>
public sealed class PublicUrl
{
    private readonly string? root;

    public PublicUrl(IConfiguration config)
    {
        var value = config["App:PublicUrl"];
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"App:PublicUrl must be an absolute http or https address without query, such as https://digipaja.example.fi; it is '{value}'.");
        root = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public bool IsConfigured => root is not null;

    /// <summary>Whether the configured address is https, so cookies can always be marked Secure.</summary>
    public bool IsHttps => root?.StartsWith("https:", StringComparison.Ordinal) == true;

    /// <summary>The absolute address of an app path ("/Workshops/Series/…").</summary>
    public string Absolute(HttpRequest request, string path) =>
        (root ?? $"{request.Scheme}://{request.Host}{request.PathBase}") + path;

    /// <summary>An absolute address built from the request (as the sign-in redirects are), moved onto the configured one.</summary>
    public string Rebase(HttpRequest request, string address)
    {
        if (root is null || !Uri.TryCreate(address, UriKind.Absolute, out var uri)) return address;
        var path = uri.AbsolutePath;
        if (request.PathBase.HasValue && path.StartsWith(request.PathBase.Value!, StringComparison.OrdinalIgnoreCase)) path = path[request.PathBase.Value!.Length..];
        return root + path + uri.Query + uri.Fragment;
    }
}
