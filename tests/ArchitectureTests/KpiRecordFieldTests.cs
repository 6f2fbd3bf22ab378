using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Kpis;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>
/// The manager's KPI drill-down shows what a KPI's records link answers, a column header per field, in the manager's
/// language (the web's RecordFieldsResource). Every service's KPI class names the endpoints its links point at
/// (<see cref="KpiRecordsAttribute"/>); the fields are read from those endpoints' response types, so a new field (or a
/// new endpoint) without an English and a Chinese header fails here.
/// </summary>
public sealed class KpiRecordFieldTests
{
    private static readonly string[] Services = ["Reception", "Maintenance", "Billing", "SecurityGate", "HrTraining"];

    /// <summary>The drill-down leaves the paging cursor out (RecordsTable).</summary>
    private static readonly string[] NotShown = ["nextCursor"];

    private static readonly ResourceManager Headers = new("PropertyPlatform.Web.Resources.RecordFieldsResource", Assembly.Load("PropertyPlatform.Web"));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<string> ServiceNames() => new(Services);

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Every_field_of_a_KPIs_records_has_an_English_and_a_Chinese_column_header(string service)
    {
        var fields = RecordFields(service);

        fields.Should().NotBeEmpty();
        fields.Except(Names(CultureInfo.InvariantCulture)).Should().BeEmpty($"{service}'s KPI records need English headers in RecordFieldsResource.resx");
        fields.Except(Names(CultureInfo.GetCultureInfo("zh-CN"))).Should().BeEmpty($"{service}'s KPI records need Chinese headers in RecordFieldsResource.zh-CN.resx");
    }

    [Fact]
    public void A_field_is_found_in_a_page_of_records_and_in_what_its_rows_hold()
    {
        Fields(typeof(Task<Results<Ok<Page<Ledger>>, NotFound>>)).Should().BeEquivalentTo("items", "nextCursor", "label", "lines", "amount", "paidAt");
    }

    /// <summary>Every field the KPI records of <paramref name="service"/> answer with, as JSON names them.</summary>
    private static List<string> RecordFields(string service)
    {
        var kpiClasses = Assembly.Load($"PropertyPlatform.{service}").GetTypes()
            .Where(t => t.Namespace?.EndsWith(".Features.Kpis", StringComparison.Ordinal) == true && t.Name.EndsWith("Kpis", StringComparison.Ordinal))
            .ToList();
        kpiClasses.Should().NotBeEmpty().And.OnlyContain(t => t.IsDefined(typeof(KpiRecordsAttribute)), "each KPI class names the endpoints its records links point at");

        return
        [
            .. kpiClasses.SelectMany(t => t.GetCustomAttributes<KpiRecordsAttribute>())
                .Select(records => records.Api.GetMethod(records.Handler, BindingFlags.Public | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"{records.Api.Name}.{records.Handler} is no public static handler."))
                .SelectMany(handler => Fields(handler.ReturnType))
                .Except(NotShown)
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The JSON field names of what a handler returns (its <c>Ok</c> value), nested ones too.</summary>
    private static List<string> Fields(Type returned)
    {
        var names = new List<string>();
        Collect(Answered(returned), names, []);
        return names;
    }

    private static Type Answered(Type type) => type switch
    {
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Task<>) => Answered(type.GetGenericArguments()[0]),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Ok<>) => type.GetGenericArguments()[0],
        { IsGenericType: true } when type.GetGenericArguments().FirstOrDefault(a => a.IsGenericType && a.GetGenericTypeDefinition() == typeof(Ok<>)) is { } ok
            => ok.GetGenericArguments()[0],
        _ => type,
    };

    private static void Collect(Type type, List<string> names, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type))
        {
            return;
        }

        var info = Json.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    names.Add(property.Name);
                    Collect(property.PropertyType, names, seen);
                }

                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                Collect(info.ElementType!, names, seen);
                break;
        }
    }

    private static HashSet<string> Names(CultureInfo culture) =>
        [.. Headers.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];

    private sealed record Ledger(string Label, IReadOnlyList<LedgerLine> Lines);

    private sealed record LedgerLine(decimal Amount, DateTimeOffset? PaidAt);
}
