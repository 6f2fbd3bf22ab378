using System.Reflection;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using PropertyPlatform.Contracts;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>The boundaries between services, checked on every build so that crossing one fails the suite.</summary>
public sealed class BoundaryTests
{
    private static readonly string[] ServiceProjects =
        ["Reception", "Maintenance", "Billing", "SecurityGate", "HrTraining", "Identity", "Gateway"];

    private static readonly Assembly[] ServiceAssemblies = ServiceProjects
        .Select(name => Assembly.Load($"PropertyPlatform.{name}"))
        .ToArray();

    public static TheoryData<string> Services => new(ServiceProjects);

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_project_references_no_other_service_project(string service)
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", service, $"PropertyPlatform.{service}.csproj"));
        var references = project.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        references.Should().NotContain(r => ServiceProjects.Any(other => r == $"PropertyPlatform.{other}"),
            "services talk through events and gRPC contracts, never through each other's code");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_assembly_depends_on_no_other_service_namespace(string service)
    {
        var others = ServiceProjects.Where(s => s != service).Select(s => $"PropertyPlatform.{s}").ToArray();
        var result = Types.InAssembly(Assembly.Load($"PropertyPlatform.{service}"))
            .ShouldNot().HaveDependencyOnAny(others)
            .GetResult();

        result.IsSuccessful.Should().BeTrue($"{service} must not use {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Contracts_reference_no_service_and_no_persistence()
    {
        var result = Types.InAssembly(typeof(IIntegrationEvent).Assembly)
            .ShouldNot().HaveDependencyOnAny(
                [.. ServiceProjects.Select(s => $"PropertyPlatform.{s}"), "PropertyPlatform.ServiceDefaults", "Microsoft.EntityFrameworkCore"])
            .GetResult();

        result.IsSuccessful.Should().BeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Integration_events_are_immutable_sealed_records_named_in_the_past_tense()
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToList();

        events.Should().NotBeEmpty();
        foreach (var type in events)
        {
            type.IsSealed.Should().BeTrue($"{type.Name} is an event");
            type.GetMethod("<Clone>$").Should().NotBeNull($"{type.Name} should be a record");
            type.GetProperties().Should().OnlyContain(p => p.SetMethod == null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"),
                $"{type.Name} must be immutable");
            // A past participle, possibly with where it led: WorkOrderCreated, CheckedIn, DunningEscalatedToVisit.
            type.Name.Should().MatchRegex("(ed|Out|In)(To[A-Z][a-z]+)?$", $"{type.Name} should be named in the past tense");
        }
    }

    [Fact]
    public void No_entity_type_appears_in_contracts_or_in_an_api_response()
    {
        var entityTypes = ServiceAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t))
            .SelectMany(EntityClrTypes)
            .ToHashSet();
        entityTypes.Should().NotBeEmpty();

        var contractTypes = typeof(IIntegrationEvent).Assembly.GetTypes();
        contractTypes.Should().NotContain(t => entityTypes.Contains(t));

        var responseTypes = ServiceAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Response", StringComparison.Ordinal) || t.Name.EndsWith("Command", StringComparison.Ordinal))
            .ToList();
        responseTypes.Should().NotBeEmpty();
        foreach (var response in responseTypes)
        {
            ReachableTypes(response).Should().NotContain(t => entityTypes.Contains(t),
                $"{response.Name} is bound or returned by the API: it must be a record of its own, not an entity");
        }
    }

    private static IEnumerable<Type> EntityClrTypes(Type dbContextType)
    {
        // Entity types are the element types of the context's DbSet<> properties.
        return dbContextType.GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]);
    }

    private static HashSet<Type> ReachableTypes(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
            {
                continue;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            foreach (var property in type.GetProperties())
            {
                pending.Push(property.PropertyType);
            }
        }

        return seen;
    }
}
