using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.SecurityGate.Data;

public sealed class SecurityGateDbContext(DbContextOptions<SecurityGateDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    public EstateScope Scope => scope;

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<VisitorPass> Passes => Set<VisitorPass>();

    public DbSet<PassUse> PassUses => Set<PassUse>();

    public DbSet<PassCheck> PassChecks => Set<PassCheck>();

    public DbSet<UnitOwner> UnitOwners => Set<UnitOwner>();

    public DbSet<UnitResident> UnitResidents => Set<UnitResident>();

    public DbSet<ResidentVehicle> ResidentVehicles => Set<ResidentVehicle>();

    public DbSet<ParkingTariff> ParkingTariffs => Set<ParkingTariff>();

    public DbSet<ParkingSession> ParkingSessions => Set<ParkingSession>();

    public DbSet<GuardPost> Posts => Set<GuardPost>();

    public DbSet<ShiftHandover> Handovers => Set<ShiftHandover>();

    public DbSet<PatrolRoute> Routes => Set<PatrolRoute>();

    public DbSet<CheckpointVisit> CheckpointVisits => Set<CheckpointVisit>();

    public DbSet<PatrolScan> Scans => Set<PatrolScan>();

    public DbSet<PatrolFinding> Findings => Set<PatrolFinding>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<FireCheckRoutine> FireCheckRoutines => Set<FireCheckRoutine>();

    public DbSet<FireCheck> FireChecks => Set<FireCheck>();

    public DbSet<SecurityPlanEvaluation> PlanEvaluations => Set<SecurityPlanEvaluation>();

    public DbSet<SafetyTrainingSession> SafetyTrainings => Set<SafetyTrainingSession>();

    public DbSet<ExitPermit> ExitPermits => Set<ExitPermit>();

    public DbSet<HeldItem> HeldItems => Set<HeldItem>();

    public DbSet<SpecialVehicle> SpecialVehicles => Set<SpecialVehicle>();

    public DbSet<RenovationSite> RenovationSites => Set<RenovationSite>();

    public DbSet<KnownEstateCalendar> EstateCalendars => Set<KnownEstateCalendar>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox().AddAuditTrail().AddEstateCalendars().AddStaffReadModel().AddSlaEvents();
        // One IEntityTypeConfiguration per area, in Data/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SecurityGateDbContext).Assembly);
        modelBuilder.ApplyEstateScope(this);
    }
}
