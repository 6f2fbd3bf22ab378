using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// An id in a page's query (<c>[SupplyParameterFromQuery] Guid?</c>) that is no id at all: a link cut short, an address
/// edited by hand. Blazor throws while rendering such a page (a 500), so the request never reaches it: a garbled id names
/// nothing, which is the not-found page (404); one that only <see cref="PreselectsAttribute">preselects</see> a choice is
/// dropped by a redirect to the address without it (the browser's address then holds no garbled id for the circuit either).
/// </summary>
public static class GarbledQueryIds
{
    /// <summary>A page's id taken from the query: its name there and whether it only preselects.</summary>
    public sealed record QueryId(string Name, bool Preselects, bool Nullable);

    private static readonly ConcurrentDictionary<Type, QueryId[]> IdsByPage = new();

    /// <summary>The ids <paramref name="page"/> takes from its query (its own properties and its base classes').</summary>
    public static IReadOnlyList<QueryId> Of(Type page) => IdsByPage.GetOrAdd(page, static type =>
    [
        .. Hierarchy(type)
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?))
            .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Query is not null)
            .Select(p => new QueryId(p.Query!.Name ?? p.Property.Name, p.Property.IsDefined(typeof(PreselectsAttribute)), p.Property.PropertyType == typeof(Guid?))),
    ]);

    /// <summary>The ids of <paramref name="page"/> that <paramref name="query"/> gives but cannot be read as one, as Blazor reads them (the first value; empty is none for a <c>Guid?</c>).</summary>
    public static IReadOnlyList<QueryId> In(Type page, IQueryCollection query) =>
    [
        .. Of(page).Where(id => query.TryGetValue(id.Name, out var values) && values.Count > 0
            && !(id.Nullable && string.IsNullOrEmpty(values[0])) && !Guid.TryParse(values[0], out _)),
    ];

    /// <summary>Answers a page request with a garbled id before Blazor renders it; after authorization (a stranger still signs in first).</summary>
    public static IApplicationBuilder UseGarbledQueryIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } page
            || In(page.Type, context.Request.Query) is not { Count: > 0 } garbled)
        {
            await next(context);
            return;
        }

        if (garbled.Any(id => !id.Preselects))
        {
            // No body: the status-code pages show the web's own not-found page.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var kept = context.Request.Query
            .Where(pair => !garbled.Any(id => string.Equals(id.Name, pair.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)));
        context.Response.Redirect($"{context.Request.PathBase}{context.Request.Path}{QueryString.Create(kept)}");
    });

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (var t = type; t is not null && t != typeof(ComponentBase); t = t.BaseType)
        {
            yield return t;
        }
    }
}
