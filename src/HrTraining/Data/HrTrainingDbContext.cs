using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Data;

public sealed class HrTrainingDbContext(DbContextOptions<HrTrainingDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    public EstateScope Scope => scope;

    public DbSet<StaffMember> Staff => Set<StaffMember>();

    public DbSet<Certification> Certifications => Set<Certification>();

    public DbSet<DutyRoster> Rosters => Set<DutyRoster>();

    public DbSet<DutyShift> Shifts => Set<DutyShift>();

    public DbSet<AttendanceSettings> AttendanceSettings => Set<AttendanceSettings>();

    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();

    public DbSet<RegisteredDevice> Devices => Set<RegisteredDevice>();

    public DbSet<ProxySignInAttempt> ProxySignInAttempts => Set<ProxySignInAttempt>();

    public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();

    public DbSet<AttendanceSheetDeadline> AttendanceSheets => Set<AttendanceSheetDeadline>();

    public DbSet<DisciplinaryStep> DisciplinarySteps => Set<DisciplinaryStep>();

    public DbSet<WrittenAssessment> Assessments => Set<WrittenAssessment>();

    public DbSet<CallbackScore> CallbackScores => Set<CallbackScore>();

    public DbSet<SlaMiss> SlaMisses => Set<SlaMiss>();

    public DbSet<AppraisalAction> AppraisalActions => Set<AppraisalAction>();

    public DbSet<TrainingNeed> TrainingNeeds => Set<TrainingNeed>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<TrainingPlan> TrainingPlans => Set<TrainingPlan>();

    public DbSet<StaffCheck> StaffChecks => Set<StaffCheck>();

    public DbSet<AssessmentShortfallFlag> AssessmentShortfallFlags => Set<AssessmentShortfallFlag>();

    public DbSet<SlaEvent> SlaEvents => Set<SlaEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox().AddAuditTrail().AddEstateCalendars();
        modelBuilder.AddSlaEvents();
        // One IEntityTypeConfiguration per entity, in Data/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HrTrainingDbContext).Assembly);
        modelBuilder.ApplyEstateScope(this);

        // A person may work in several estates, and their file is visible in each of them, not only the home estate
        // the shared filter would use: this replaces that filter (an array overlap in PostgreSQL).
        modelBuilder.Entity<StaffMember>().HasQueryFilter(s => Scope.SeesAllEstates || s.EstateIds.Any(e => Scope.EstateIds.Contains(e)));
    }
}
