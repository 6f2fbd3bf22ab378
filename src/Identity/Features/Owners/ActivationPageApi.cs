using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Features.Login;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.Identity.Pages;

namespace PropertyPlatform.Identity.Features.Owners;

/// <summary>The activation form (field names are the HTML form's).</summary>
public sealed class ActivationForm
{
    public string? UserName { get; set; }

    public string? Code { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>What the activation page shows: the pending request, what was typed (never the passwords) and each field's errors.</summary>
public sealed record ActivationView(string? ReturnUrl, string? UserName, string? Code, IReadOnlyList<ActivationError> Errors);

/// <summary>
/// The owner's first visit, in a browser: the phone number, the front desk's code and a new password; then signed in and
/// back to the app's pending authorization (or to the login page when there is none).
/// </summary>
public static class ActivationPageApi
{
    public const string ActivationPath = "/account/activate";
    public const string ConfirmPasswordField = "confirmPassword";

    public static IEndpointRouteBuilder MapActivationPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/activate", ShowActivation);
        account.MapPost("/activate", Activate).RequireRateLimiting(IdentityPolicies.ActivationAttempts);
        return app;
    }

    public static RazorComponentResult<ActivationPage> ShowActivation(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, new ActivationView(returnUrl, UserName: null, Code: null, Errors: []));

    public static async Task<IResult> Activate(
        [FromForm] ActivationForm form,
        HttpContext http,
        IAntiforgery antiforgery,
        OwnerActivation activation,
        SignInManager<Account> signIn,
        ILoggerFactory loggers)
    {
        var errors = await activation.CheckInputAsync(form.UserName, form.Code, form.NewPassword);
        if (form.NewPassword != form.ConfirmPassword)
        {
            errors.Add(new(ConfirmPasswordField, "PasswordsDiffer", "The two passwords are not the same."));
        }

        Account? account = null;
        if (errors.Count == 0)
        {
            (account, var refused) = await activation.ActivateAsync(form.UserName, form.Code, form.NewPassword);
            errors.AddRange(refused);
        }

        if (account is null)
        {
            return Page(http, antiforgery, new ActivationView(form.ReturnUrl, form.UserName?.Trim(), form.Code?.Trim(), errors));
        }

        loggers.CreateLogger(typeof(ActivationPageApi).FullName!).LogInformation("Owner account {AccountId} activated", account.Id);
        if (!LoginApi.IsLocalUrl(form.ReturnUrl))
        {
            return TypedResults.Redirect(AuthServerExtensions.LoginPath + "?activated=true");
        }

        await signIn.SignInAsync(account, isPersistent: false);
        return TypedResults.Redirect(form.ReturnUrl!);
    }

    /// <summary>The activation page's own URL for <paramref name="returnUrl"/>.</summary>
    public static string ActivationUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? ActivationPath : ActivationPath + QueryString.Create("ReturnUrl", returnUrl);

    private static RazorComponentResult<ActivationPage> Page(HttpContext http, IAntiforgery antiforgery, ActivationView view)
    {
        SignInPages.Protect(http.Response);
        return new RazorComponentResult<ActivationPage>(new { View = view, Antiforgery = antiforgery.GetAndStoreTokens(http) });
    }
}
