using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

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

    public DbSet<EmergencyAlert> EmergencyAlerts => Set<EmergencyAlert>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<Callback> Callbacks => Set<Callback>();

    public DbSet<CallbackSampleTally> CallbackSampleTallies => Set<CallbackSampleTally>();

    public DbSet<SlaEvent> SlaEvents => Set<SlaEvent>();

    public DbSet<CustodyKey> Keys => Set<CustodyKey>();

    public DbSet<KeyLoan> KeyLoans => Set<KeyLoan>();

    public DbSet<Parcel> Parcels => Set<Parcel>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();

    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();

    public DbSet<RepairAppointment> RepairAppointments => Set<RepairAppointment>();

    public DbSet<CallbackApproval> CallbackApprovals => Set<CallbackApproval>();

    public DbSet<VisitCoverageYear> VisitCoverageYears => Set<VisitCoverageYear>();

    public DbSet<HandoverDefect> HandoverDefects => Set<HandoverDefect>();

    public DbSet<DeskItem> DeskItems => Set<DeskItem>();

    public DbSet<DeskVisit> DeskVisits => Set<DeskVisit>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<OwnerMessage> OwnerMessages => Set<OwnerMessage>();

    public DbSet<MessageReply> MessageReplies => Set<MessageReply>();

    public DbSet<WorkLogEntry> WorkLog => Set<WorkLogEntry>();

    public DbSet<WorkReport> WorkReports => Set<WorkReport>();

    public DbSet<PropertyListing> Listings => Set<PropertyListing>();

    public DbSet<HouseholdProfile> HouseholdProfiles => Set<HouseholdProfile>();

    public DbSet<CommunityActivity> Activities => Set<CommunityActivity>();

    public DbSet<ActivitySignUp> ActivitySignUps => Set<ActivitySignUp>();

    public DbSet<ShiftHandover> ShiftHandovers => Set<ShiftHandover>();

    public DbSet<ButlerVisit> ButlerVisits => Set<ButlerVisit>();

    public DbSet<PatrolTarget> PatrolTargets => Set<PatrolTarget>();

    public DbSet<PatrolRecord> PatrolRecords => Set<PatrolRecord>();

    public DbSet<Violation> Violations => Set<Violation>();

    public DbSet<RenovationPermit> RenovationPermits => Set<RenovationPermit>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<MoveIn> MoveIns => Set<MoveIn>();

    public DbSet<RegistryImport> RegistryImports => Set<RegistryImport>();

    public DbSet<RegistryImportFile> RegistryImportFiles => Set<RegistryImportFile>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveySubmission> SurveySubmissions => Set<SurveySubmission>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddSlaEvents();
        modelBuilder.AddStaffReadModel();

        // An uploaded import file is raw input full of personal data, not a record: the import itself is audited.
        modelBuilder.ExcludeFromAuditTrail<RegistryImportFile>();

        // One IEntityTypeConfiguration per entity, in Data/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReceptionDbContext).Assembly);
        // Photo bytes: the trail records the attachment, not megabytes of image.
        modelBuilder.ExcludeFromAuditTrail<AttachmentContent>();
        modelBuilder.ApplyEstateScope(this);
    }
}
