using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Digipaja.Web.Features;

/// <summary>
/// A request that no handler of the page matches (a POST to a page without one, an unknown <c>?handler=</c>) would
/// otherwise render the page without running any of its code, so without its data: 500. It answers 404 when the page
/// handles the method under other handler names, and 405 with the methods it does handle when it handles none. A page
/// without any handler (pure markup) still renders for GET and HEAD.
/// </summary>
public sealed class UnmatchedHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is not null) return next();
        var request = context.HttpContext.Request;
        var handlers = context.ActionDescriptor.HandlerMethods;
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (handlers.Count == 0 && readOnly) return next();

        var methods = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (methods.Contains("GET")) methods.Add("HEAD");
        if (methods.Count == 0) methods.AddRange(["GET", "HEAD"]);
        var sameMethod = methods.Contains(request.Method.ToUpperInvariant());
        if (!sameMethod) context.HttpContext.Response.Headers.Allow = string.Join(", ", methods);
        context.Result = new StatusCodeResult(sameMethod ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
