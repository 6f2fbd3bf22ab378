using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PropertyPlatform.ServiceDefaults.Http;

namespace PropertyPlatform.ServiceDefaults.Problems;

/// <summary>
/// The one place where failures become RFC 7807 problem details: rule violations 400 with the failing fields,
/// missing 404, conflicts and lost concurrency races 409, anything else 500 without internals. In an app with an
/// <see cref="HtmlErrorPage"/>, a request for HTML is left to that page.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger,
    HtmlErrorPage? htmlErrorPage = null) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (htmlErrorPage is not null && HtmlErrorPage.IsWantedBy(httpContext.Request))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            ValidationFailedException validation => new HttpValidationProblemDetails(validation.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = notFound.Message,
            },
            ForbiddenException forbidden => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = forbidden.Message,
            },
            ConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict.",
                Detail = conflict.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The record was changed by someone else; reload it and try again.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            },
        };

        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

public static class ProblemDetailsServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            var correlation = context.HttpContext.RequestServices.GetService<CorrelationContext>();
            if (correlation is not null)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlation.CorrelationId;
            }

            context.HttpContext.RequestServices.GetService<ProblemTexts>()?.Translate(context.ProblemDetails, context.HttpContext);
        });
        // The service's own texts first (its assembly is the application's), then the shared ones.
        services.AddSingleton(provider =>
        {
            var application = provider.GetRequiredService<IHostEnvironment>().ApplicationName;
            return new ProblemTexts(AppDomain.CurrentDomain.GetAssemblies()
                .Where(assembly => assembly.GetName().Name == application)
                .Append(typeof(ProblemTexts).Assembly));
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }
}
