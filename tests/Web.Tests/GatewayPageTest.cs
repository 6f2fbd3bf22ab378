using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// A page rendered as the circuit renders it, calling the services through the gateway as <see cref="User"/>: the
/// services are <see cref="Answer"/>, one answer per call (a value is sent as JSON, null is a 404).
/// </summary>
public abstract class GatewayPageTest : EnglishComponentTest
{
    protected GatewayPageTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddFluentUIComponents();
        Context.Services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        Context.Services.AddSingleton<FormDrafts>();
        Context.Services.AddSingleton(TimeProvider.System);
        Context.Services.AddSingleton(services => new GatewayClient(
            new HttpClient(new Services(this)) { BaseAddress = new Uri(GatewayClient.GatewayAddress) },
            services.GetRequiredService<AuthenticationStateProvider>()));
        User = Context.AddAuthorization();
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected BunitAuthorizationContext User { get; }

    /// <summary>Every call the page made, as path and query.</summary>
    protected List<string> Asked { get; } = [];

    /// <summary>The bodies the page sent, in order.</summary>
    protected List<string> Sent { get; } = [];

    /// <summary>The services' answer to a call: a value (sent as JSON with 200), a whole response, or null for 404.</summary>
    protected abstract object? Answer(HttpRequestMessage request);

    /// <summary>A service's refusal of one field, as problem details (400) with <paramref name="error"/> under <paramref name="field"/>.</summary>
    protected static HttpResponseMessage FieldProblem(string field, string error, string title = "One or more fields are invalid.") =>
        new(HttpStatusCode.BadRequest)
        {
            Content = JsonContent.Create(new { title, errors = new Dictionary<string, string[]> { [field] = [error] } },
                new MediaTypeHeaderValue("application/problem+json")),
        };

    private sealed class Services(GatewayPageTest test) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test.Asked.Add(Uri.UnescapeDataString(request.RequestUri!.PathAndQuery));
            if (request.Content is not null)
            {
                test.Sent.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            return test.Answer(request) switch
            {
                null => new HttpResponseMessage(HttpStatusCode.NotFound),
                HttpResponseMessage response => response,
                var value => new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(value, value.GetType(), options: GatewayClient.Json) },
            };
        }
    }
}
