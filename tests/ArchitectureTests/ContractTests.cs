using System.Text.Json;
using System.Xml.Linq;
using MassTransit.Serialization;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Reception;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>
/// What every integration event must be to travel between services that are built and deployed apart: plain data that
/// any consumer reads the same way, documented, and unchanged by the outbox's and the bus's JSON.
/// </summary>
public sealed class ContractTests
{
    /// <summary>
    /// Exact, unambiguous field types: money decimal (never floating point), instants with their offset (never DateTime).
    /// The one enum is DayOfWeek (estate calendars): its seven values never change, unlike a service's own enums, which
    /// travel as strings so that adding a value never breaks a consumer.
    /// </summary>
    private static readonly Type[] PlainTypes =
        [typeof(Guid), typeof(string), typeof(int), typeof(long), typeof(bool), typeof(decimal), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
         typeof(DayOfWeek)];

    /// <summary>The outbox stores events with the web defaults (ServiceDefaults' OutboxDbContextExtensions).</summary>
    private static readonly JsonSerializerOptions OutboxJson = new(JsonSerializerDefaults.Web);

    private static readonly DateTimeOffset SampleInstant = new(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

    public static TheoryData<Type> Events => new(
        typeof(IIntegrationEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t)));

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_carries_only_plain_values_contract_records_and_collections_of_them(Type eventType)
    {
        foreach (var property in eventType.GetProperties().Where(p => p.DeclaringType != typeof(object)))
        {
            IsPlain(property.PropertyType, []).Should().BeTrue(
                $"{eventType.Name}.{property.Name} is a {property.PropertyType.Name}: events carry Guid, string, int, long, bool, decimal " +
                "(money), DateTimeOffset, DateOnly, TimeOnly, DayOfWeek, sealed records of src/Contracts, and arrays, lists or string-keyed dictionaries of these");
        }
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_says_in_its_doc_comment_what_happened_and_who_consumes_it(Type eventType)
    {
        var docs = XDocument.Load(Path.ChangeExtension(typeof(IIntegrationEvent).Assembly.Location, ".xml"));
        var summary = docs.Descendants("member").SingleOrDefault(m => m.Attribute("name")?.Value == $"T:{eventType.FullName}")?.Element("summary");

        summary.Should().NotBeNull($"{eventType.Name} needs a <summary>: what happened and who consumes it");
        summary!.Value.Trim().Length.Should().BeGreaterThan(40, $"{eventType.Name}'s summary should say what happened and who consumes it");
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reads_back_unchanged_after_the_outbox_and_the_bus_serialize_it(Type eventType)
    {
        var original = Sample(eventType);

        foreach (var (name, options) in new[] { ("outbox", OutboxJson), ("MassTransit", SystemTextJsonMessageSerializer.Options) })
        {
            var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(original, eventType, options), eventType, options);

            read.Should().BeEquivalentTo(original, o => o.ComparingRecordsByMembers().PreferringRuntimeMemberTypes(), $"{eventType.Name} through the {name}'s JSON");
        }
    }

    [Fact]
    public void A_RepairRequested_stored_before_the_agreed_appointment_time_existed_reads_with_none()
    {
        var stored = """
            {"eventId":"0197a000-0000-7000-8000-000000000901","occurredAt":"2026-11-30T08:15:00+00:00",
             "estateId":"0197a000-0000-7000-8000-000000000001","correlationId":"0197a000-0000-7000-8000-000000000902",
             "requestId":"0197a000-0000-7000-8000-000000000903","unitId":null,"description":"Leak","urgency":"Urgent"}
            """;

        var repair = JsonSerializer.Deserialize<RepairRequested>(stored, OutboxJson)!;

        repair.Description.Should().Be("Leak");
        repair.AttachmentIds.Should().BeNull();
        repair.AgreedAppointmentAt.Should().BeNull("a field added later is optional, so events already in outboxes and queues still read");
    }

    private static bool IsPlain(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (PlainTypes.Contains(type))
        {
            return true;
        }

        if (type.IsArray)
        {
            return IsPlain(type.GetElementType()!, seen);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return IsPlain(type.GetGenericArguments()[0], seen);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return type.GetGenericArguments()[0] == typeof(string) && IsPlain(type.GetGenericArguments()[1], seen);
        }

        var isContractRecord = type.Assembly == typeof(IIntegrationEvent).Assembly && type.IsSealed && type.GetMethod("<Clone>$") is not null;
        return isContractRecord && (!seen.Add(type) || type.GetProperties().Where(p => p.DeclaringType != typeof(object)).All(p => IsPlain(p.PropertyType, seen)));
    }

    /// <summary>An instance with a distinct, non-default value in every field, so that a field the JSON loses shows.</summary>
    private static object Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(string))
        {
            return "值 " + Guid.NewGuid().ToString("N")[..6];
        }

        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 2);
            array.SetValue(Sample(type.GetElementType()!), 0);
            array.SetValue(Sample(type.GetElementType()!), 1);
            return array;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return Sample(type.GetGenericArguments()[0].MakeArrayType());
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()))!;
            dictionary.Add("unit", Sample(type.GetGenericArguments()[1]));
            dictionary.Add("dueOn", Sample(type.GetGenericArguments()[1]));
            return dictionary;
        }

        if (PlainTypes.Contains(type))
        {
            return PlainSample(type);
        }

        // A contract record: its primary constructor (the copy constructor takes the record itself).
        var constructor = type.GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != type)).MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"No sample for {type.Name}.");
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType))]);
    }

    private static object PlainSample(Type type) => type switch
    {
        _ when type == typeof(int) => 3,
        _ when type == typeof(long) => 30_000_000_000L,
        _ when type == typeof(bool) => true,
        _ when type == typeof(decimal) => 1234.56m,
        _ when type == typeof(DateTimeOffset) => SampleInstant,
        _ when type == typeof(DateOnly) => new DateOnly(2026, 12, 5),
        _ when type == typeof(TimeOnly) => new TimeOnly(17, 0),
        _ when type == typeof(DayOfWeek) => DayOfWeek.Friday,
        _ => throw new InvalidOperationException($"No sample for {type.Name}."),
    };
}
