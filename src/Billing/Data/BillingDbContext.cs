using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Data;

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    public EstateScope Scope => scope;

    public DbSet<Rate> Rates => Set<Rate>();

    public DbSet<BillableUnit> Units => Set<BillableUnit>();

    public DbSet<Occupancy> Occupancies => Set<Occupancy>();

    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();

    public DbSet<ParkingRental> ParkingRentals => Set<ParkingRental>();

    public DbSet<BillingRun> Runs => Set<BillingRun>();

    public DbSet<EstateBillingTerms> BillingTerms => Set<EstateBillingTerms>();

    public DbSet<FeeItemFrequency> FeeItemFrequencies => Set<FeeItemFrequency>();

    public DbSet<Bill> Bills => Set<Bill>();

    public DbSet<Receivable> Receivables => Set<Receivable>();

    public DbSet<Allocation> Allocations => Set<Allocation>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Adjustment> Adjustments => Set<Adjustment>();

    public DbSet<PaymentReversal> PaymentReversals => Set<PaymentReversal>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<ReceiptCounter> ReceiptCounters => Set<ReceiptCounter>();

    public DbSet<ArrearsCase> ArrearsCases => Set<ArrearsCase>();

    public DbSet<DunningAction> DunningActions => Set<DunningAction>();

    public DbSet<ArrearsReasonEntry> ArrearsReasons => Set<ArrearsReasonEntry>();

    public DbSet<ProviderPayment> ProviderPayments => Set<ProviderPayment>();

    public DbSet<CashierDay> CashierDays => Set<CashierDay>();

    public DbSet<CashDeposit> CashDeposits => Set<CashDeposit>();

    public DbSet<MonthlyCollectionSummary> MonthlySummaries => Set<MonthlyCollectionSummary>();

    public DbSet<WeeklyCollectionSummary> WeeklySummaries => Set<WeeklyCollectionSummary>();

    public DbSet<PaymentNotice> PaymentNotices => Set<PaymentNotice>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox().AddAuditTrail().AddEstateCalendars();
        modelBuilder.AddSlaEvents();
        // One IEntityTypeConfiguration per entity, in Data/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
        modelBuilder.ApplyEstateScope(this);
    }
}
