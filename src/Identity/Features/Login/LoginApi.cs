using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Hosting;

namespace PropertyPlatform.Identity.Features.Login;

/// <summary>The login form (field names are the HTML form's).</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// The one page a person sees: user name (or phone) and password. Answers never tell whether an account exists;
/// user names and passwords are never logged.
/// </summary>
public static class LoginApi
{
    public const string WrongCredentials = "The user name or password is wrong.";
    public const string LockedOut = "Too many failed attempts: the account is locked. Try again later.";

    /// <summary>Checked against when the user is unknown, so that the answer takes as long as for a wrong password.</summary>
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));

    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", ShowLogin);
        account.MapPost("/login", Login).RequireRateLimiting(IdentityPolicies.LoginAttempts);
        account.MapPost("/logout", Logout);
        return app;
    }

    public static ContentHttpResult ShowLogin(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, returnUrl, userName: null, error: null);

    public static async Task<IResult> Login(
        [FromForm] LoginForm form,
        HttpContext http,
        IAntiforgery antiforgery,
        SignInManager<Account> signIn,
        IdentityDbContext db,
        UnknownNameLockout unknownNames,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(LoginApi).FullName!);
        var name = form.UserName?.Trim() ?? "";
        var account = name.Length == 0 || string.IsNullOrEmpty(form.Password) ? null : await FindAsync(signIn.UserManager, db, name, cancellationToken);
        if (account is null)
        {
            // Answered as a real account would be: wrong, then locked after as many failures, with a password check's delay.
            var normalizedName = signIn.UserManager.NormalizeName(name);
            if (unknownNames.IsLockedOut(normalizedName))
            {
                return Page(http, antiforgery, form.ReturnUrl, name, LockedOut);
            }

            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new Account(), UnknownUserHash.Value, form.Password ?? "");
            return Page(http, antiforgery, form.ReturnUrl, name, unknownNames.Fail(normalizedName) ? LockedOut : WrongCredentials);
        }

        var result = await signIn.PasswordSignInAsync(account, form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {AccountId} is locked out", account.Id);
            return Page(http, antiforgery, form.ReturnUrl, name, LockedOut);
        }

        if (!result.Succeeded)
        {
            return Page(http, antiforgery, form.ReturnUrl, name, WrongCredentials);
        }

        logger.LogInformation("Account {AccountId} signed in", account.Id);
        return IsLocalUrl(form.ReturnUrl)
            ? TypedResults.Redirect(form.ReturnUrl!)
            : TypedResults.Content(Html.Document("Signed in", "<p>You are signed in.</p>"), "text/html; charset=utf-8");
    }

    public static async Task<RedirectHttpResult> Logout(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.Redirect(AuthServerExtensions.LoginPath);
    }

    /// <summary>Only a path on this server: never an absolute URL (<c>//evil</c>, <c>/\evil</c>, <c>https://…</c>).</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static async Task<Account?> FindAsync(UserManager<Account> users, IdentityDbContext db, string name, CancellationToken cancellationToken) =>
        await users.FindByNameAsync(name)
        ?? await db.Accounts.Where(a => a.PhoneNumber == name).OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private static ContentHttpResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? userName, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        // The password form is never framed by another site (clickjacking) and loads nothing. No form-action: browsers
        // apply it to the redirects after the post too, and the flow ends at the client's own redirect URI.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        http.Response.Headers.XFrameOptions = "DENY";
        var encode = HtmlEncoder.Default;
        var body = $"""
            <h1>PropertyPlatform</h1>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{encode.Encode(error)}</p>")}
            <form method="post" action="{AuthServerExtensions.LoginPath}">
              <input name="{encode.Encode(tokens.FormFieldName)}" type="hidden" value="{encode.Encode(tokens.RequestToken ?? "")}" />
              <input name="ReturnUrl" type="hidden" value="{encode.Encode(returnUrl ?? "")}" />
              <label>User name or phone <input name="UserName" autocomplete="username" value="{encode.Encode(userName ?? "")}" required /></label>
              <label>Password <input name="Password" type="password" autocomplete="current-password" required /></label>
              <button type="submit">Sign in</button>
            </form>
            """;
        return TypedResults.Content(Html.Document("Sign in", body), "text/html; charset=utf-8");
    }
}

internal static class Html
{
    public static string Document(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" /><title>{HtmlEncoder.Default.Encode(title)}</title></head>
        <body>
        {body}
        </body>
        </html>
        """;
}
