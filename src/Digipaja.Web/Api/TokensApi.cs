using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digipaja.Web.Api;

public sealed record TokenRequest(string? Email, string? Password);
public sealed record TokenResponse(string Token);

public static class TokensApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tokens", Create).AllowAnonymous()
            .WithSummary("Exchange an e-mail address and password for a bearer token")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> Create(
        TokenRequest request, HttpContext http, PasswordCheck passwords, TokenIssuer tokens)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return ApiText.Invalid(http,
                new[] { ("email", request.Email), ("password", request.Password) }
                    .Where(f => string.IsNullOrWhiteSpace(f.Item2))
                    .Select(f => new Digipaja.Core.Common.FieldError(f.Item1, "validation.required")));

        var result = await passwords.CheckAsync(http, request.Email, request.Password);
        if (result.Outcome == PasswordOutcome.Throttled)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString();
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ApiText.Get(http, "signin.throttled"));
        }
        if (result is { Outcome: PasswordOutcome.Succeeded, User: { } user }) return TypedResults.Ok(new TokenResponse(await tokens.IssueAsync(user)));
        // The same answer for an unknown address, a wrong password and a locked account tells a guesser nothing.
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiText.Get(http, "signin.failed"));
    }
}
