using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Data;

public sealed class ReceptionDbContext(DbContextOptions<ReceptionDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    /// <summary>Whose estates (and, for an owner, units) this context's queries see.</summary>
    public EstateScope Scope => scope;

    public DbSet<CustomerRequest> Requests => Set<CustomerRequest>();

    public DbSet<Estate> Estates => Set<Estate>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<MoveIn> MoveIns => Set<MoveIn>();

    public DbSet<RegistryImport> RegistryImports => Set<RegistryImport>();

    public DbSet<RegistryImportFile> RegistryImportFiles => Set<RegistryImportFile>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        // An uploaded import file is raw input full of personal data, not a record: the import itself is audited.
        modelBuilder.ExcludeFromAuditTrail<RegistryImportFile>();

        // One IEntityTypeConfiguration per entity, in Data/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReceptionDbContext).Assembly);
        modelBuilder.ApplyEstateScope(this);
    }
}
