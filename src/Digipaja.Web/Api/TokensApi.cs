using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

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
        TokenRequest request, HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        SignInThrottle throttle, TokenIssuer tokens)
    {
        var client = SignInThrottle.ClientKey(http);
        if (throttle.IsBlocked(client, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ApiText.Get(http, "signin.throttled"));
        }
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return ApiText.Invalid(http,
                new[] { ("email", request.Email), ("password", request.Password) }
                    .Where(f => string.IsNullOrWhiteSpace(f.Item2))
                    .Select(f => new Digipaja.Core.Common.FieldError(f.Item1, "validation.required")));

        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is { IsActive: true })
        {
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
            if (result.Succeeded) return TypedResults.Ok(new TokenResponse(await tokens.IssueAsync(user)));
        }
        throttle.RecordFailure(client);
        // The same answer for an unknown address, a wrong password and a locked account tells a guesser nothing.
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiText.Get(http, "signin.failed"));
    }
}
