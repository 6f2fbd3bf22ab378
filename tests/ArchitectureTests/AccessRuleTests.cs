using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>
/// Access rules that hold by construction: a service cannot forget the estate filter or the audit trail, because
/// these tests fail the suite when a database or an entity is added without them.
/// </summary>
public sealed class AccessRuleTests
{
    /// <summary>Identity's accounts span estates and are scoped by its own admin rules, not by an estate filter.</summary>
    private static readonly string[] ScopedServices = ["Reception", "Maintenance", "Billing", "SecurityGate", "HrTraining"];

    private static IEnumerable<Type> DbContexts(string service) =>
        Assembly.Load($"PropertyPlatform.{service}").GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract);

    public static TheoryData<string> Services => new(ScopedServices);

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_database_is_estate_scoped(string service)
    {
        DbContexts(service).Should().NotBeEmpty()
            .And.OnlyContain(t => typeof(IEstateScopedDbContext).IsAssignableFrom(t), "every query must be filtered to the caller's estates");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_record_a_service_stores_belongs_to_an_estate_and_is_audited(string service)
    {
        foreach (var contextType in DbContexts(service))
        {
            var options = (DbContextOptions)Activator.CreateInstance(
                typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType)).As<DbContextOptionsBuilder>()
                .UseNpgsql("Host=unused").Options;
            using var context = (DbContext)Activator.CreateInstance(contextType, options, EstateScope.System)!;

            var entities = context.Model.GetEntityTypes().Select(e => e.ClrType).ToList();
            entities.Should().Contain(typeof(AuditEntry), $"{contextType.Name} must keep an audit trail");
            // Owned values (a complaint's steps, an SLA clock) are read only with their record, which the filter covers.
            context.Model.GetEntityTypes().Where(e => !e.IsOwned()).Select(e => e.ClrType)
                .Where(t => t.Namespace?.StartsWith($"PropertyPlatform.{service}", StringComparison.Ordinal) == true)
                .Should().OnlyContain(t => typeof(IEstateOwned).IsAssignableFrom(t), "every record belongs to one estate and is filtered by it");
            context.Model.GetEntityTypes().Where(e => typeof(IEstateOwned).IsAssignableFrom(e.ClrType))
                .Should().OnlyContain(e => e.GetDeclaredQueryFilters().Any(), "the estate filter is applied to every estate-owned entity");
        }
    }
}
