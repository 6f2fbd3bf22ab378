using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Maintenance.Data;

public sealed class MaintenanceDbContext(DbContextOptions<MaintenanceDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    public EstateScope Scope => scope;

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<KnownStaffMember> Staff => Set<KnownStaffMember>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<MaintenancePlan> Plans => Set<MaintenancePlan>();

    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();

    public DbSet<KnownCertification> Certifications => Set<KnownCertification>();

    public DbSet<KnownDutyRoster> DutyRosters => Set<KnownDutyRoster>();

    public DbSet<KnownDutyShift> DutyShifts => Set<KnownDutyShift>();

    public DbSet<SparePart> SpareParts => Set<SparePart>();

    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    public DbSet<Stocktake> Stocktakes => Set<Stocktake>();

    public DbSet<CallbackScore> CallbackScores => Set<CallbackScore>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<OutsourcedJob> OutsourcedJobs => Set<OutsourcedJob>();

    public DbSet<VendorReview> VendorReviews => Set<VendorReview>();

    public DbSet<WorkOrderPhoto> WorkOrderPhotos => Set<WorkOrderPhoto>();

    public DbSet<WorkOrderPhotoContent> WorkOrderPhotoContents => Set<WorkOrderPhotoContent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddEstateCalendars();
        modelBuilder.AddSlaEvents();
        // hr-training's staff, certifications and duty rosters, which dispatch reads.
        modelBuilder.AddStaffReadModel();

        modelBuilder.Entity<WorkOrder>(workOrder =>
        {
            workOrder.ToTable("work_orders");
            workOrder.HasKey(w => w.Id);
            workOrder.Property(w => w.Urgency).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Status).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Source).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.AppointmentStatus).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Description).HasMaxLength(4000);
            workOrder.Property(w => w.Area).HasMaxLength(200);
            workOrder.Property(w => w.Trade).HasMaxLength(32);
            workOrder.Property(w => w.CreatedBy).HasMaxLength(200);
            workOrder.Property(w => w.Currency).HasMaxLength(3);
            workOrder.Property(w => w.Price).HasPrecision(18, 4);
            workOrder.Property(w => w.TechnicianName).HasMaxLength(200);
            workOrder.Property(w => w.CompletionNotes).HasMaxLength(4000);
            workOrder.Property(w => w.ReopenReason).HasMaxLength(2000);
            workOrder.Property(w => w.RedispatchReason).HasMaxLength(500);
            workOrder.Property(w => w.Version).IsRowVersion();
            // Work orders from before photos have none.
            workOrder.Property(w => w.AttachmentIds).HasDefaultValueSql("'{}'::uuid[]");
            workOrder.Property(w => w.CompletionPhotoIds).HasDefaultValueSql("'{}'::uuid[]");
            workOrder.OwnsMany(w => w.PartsUsed, part => part.ToJson("parts_used"));
            workOrder.OwnsOne(w => w.Response, clock =>
            {
                clock.Property(c => c.Policy).HasMaxLength(64);
                // The SLA monitor: clocks whose next step is due.
                clock.HasIndex(c => c.NextCheckAt).HasFilter("response_next_check_at IS NOT NULL");
            });
            workOrder.OwnsOne(w => w.Completion, clock =>
            {
                clock.Property(c => c.Policy).HasMaxLength(64);
                clock.HasIndex(c => c.NextCheckAt).HasFilter("completion_next_check_at IS NOT NULL");
            });
            workOrder.Navigation(w => w.Response).IsRequired();
            workOrder.Navigation(w => w.Completion).IsRequired();
            // Every step, in order, in a table of its own; steps are only ever added.
            workOrder.OwnsMany(w => w.Steps, step =>
            {
                step.ToTable("work_order_steps");
                step.WithOwner().HasForeignKey("WorkOrderId");
                step.HasKey("WorkOrderId", nameof(WorkOrderStep.Number));
                step.Property(s => s.Action).HasMaxLength(32);
                step.Property(s => s.By).HasMaxLength(200);
                step.Property(s => s.ByName).HasMaxLength(200);
                step.Property(s => s.Note).HasMaxLength(4000);
            });
            workOrder.Navigation(w => w.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
            // One work order per request, even if the same request arrived twice by different routes.
            workOrder.HasIndex(w => w.RequestId).IsUnique().HasFilter("request_id IS NOT NULL");
            // The list: an estate's work orders newest first, optionally by status.
            workOrder.HasIndex(w => new { w.EstateId, w.CreatedAt, w.Id }).IsDescending(false, true, true);
            workOrder.HasIndex(w => new { w.EstateId, w.Status, w.CreatedAt, w.Id }).IsDescending(false, false, true, true);
            // A technician's work list, newest first.
            workOrder.HasIndex(w => new { w.TechnicianId, w.CreatedAt, w.Id }).IsDescending(false, true, true)
                .HasFilter("technician_id IS NOT NULL");
            // Dispatch: the open workload of each candidate, and where it is (read from the index alone).
            workOrder.HasIndex(w => new { w.TechnicianId, w.Status, w.EstateId }).HasFilter("technician_id IS NOT NULL");
            // The supervisor's re-dispatch list.
            workOrder.HasIndex(w => new { w.EstateId, w.CreatedAt }).HasFilter("needs_redispatch");
            // An asset's service history.
            workOrder.HasIndex(w => new { w.AssetId, w.CreatedAt }).HasFilter("asset_id IS NOT NULL");
        });

        modelBuilder.Entity<WorkOrderPhoto>(photo =>
        {
            photo.IsUploadedPhoto("work_order_photos");
            photo.HasOne<WorkOrder>().WithMany().HasForeignKey(p => p.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
            // An order's photos, in upload order.
            photo.HasIndex(p => new { p.WorkOrderId, p.UploadedAt });
        });

        // Photo bytes in a bytea column of their own table (out of line, TOAST), deleted with their photo; the audit
        // trail records the photo, not megabytes of image.
        modelBuilder.Entity<WorkOrderPhotoContent>(content =>
        {
            content.ToTable("work_order_photo_contents");
            content.HasKey(c => c.PhotoId);
            content.Property(c => c.Data).HasColumnType("bytea");
            content.HasOne<WorkOrderPhoto>().WithOne().HasForeignKey<WorkOrderPhotoContent>(c => c.PhotoId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.ExcludeFromAuditTrail<WorkOrderPhotoContent>();

        modelBuilder.Entity<Asset>(asset =>
        {
            asset.ToTable("assets");
            asset.HasKey(a => a.Id);
            asset.Property(a => a.Code).HasMaxLength(40);
            asset.Property(a => a.Name).HasMaxLength(200);
            asset.Property(a => a.System).HasConversion<string>().HasMaxLength(16);
            asset.Property(a => a.Location).HasMaxLength(200);
            asset.Property(a => a.Vendor).HasMaxLength(200);
            asset.Property(a => a.Model).HasMaxLength(200);
            asset.Property(a => a.CreatedBy).HasMaxLength(200);
            // The label code identifies the asset within its estate.
            asset.HasIndex(a => new { a.EstateId, a.Code }).IsUnique();
            asset.HasIndex(a => new { a.EstateId, a.CreatedAt, a.Id }).IsDescending(false, true, true);
            asset.HasIndex(a => a.SpareForAssetId).HasFilter("spare_for_asset_id IS NOT NULL");
            asset.HasOne<Asset>().WithMany().HasForeignKey(a => a.SpareForAssetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<MaintenancePlan>(plan =>
        {
            plan.ToTable("maintenance_plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            plan.Property(p => p.Unit).HasConversion<string>().HasMaxLength(8);
            plan.Property(p => p.Title).HasMaxLength(200);
            plan.Property(p => p.Area).HasMaxLength(200);
            plan.Property(p => p.Trade).HasMaxLength(32);
            plan.Property(p => p.CreatedBy).HasMaxLength(200);
            plan.Property(p => p.Version).IsRowVersion();
            plan.Ignore(p => p.Frequency);
            // The scheduler: active plans whose next task is due.
            plan.HasIndex(p => p.NextDueAt).HasFilter("active");
            plan.HasIndex(p => new { p.EstateId, p.CreatedAt, p.Id }).IsDescending(false, true, true);
            plan.HasOne<Asset>().WithMany().HasForeignKey(p => p.AssetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PlanTask>(task =>
        {
            task.ToTable("plan_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            task.Property(t => t.DoneBy).HasMaxLength(200);
            task.Property(t => t.Notes).HasMaxLength(4000);
            task.Property(t => t.Version).IsRowVersion();
            task.OwnsMany(t => t.Answers, answer => answer.ToJson("answers"));
            task.OwnsOne(t => t.Done, clock =>
            {
                clock.Property(c => c.Policy).HasMaxLength(64);
                clock.HasIndex(c => c.NextCheckAt).HasFilter("done_next_check_at IS NOT NULL");
            });
            task.Navigation(t => t.Done).IsRequired();
            // One task per plan and due day, however many schedulers run: the idempotency of the plan job.
            task.HasIndex(t => new { t.PlanId, t.DueOn }).IsUnique();
            task.HasIndex(t => new { t.EstateId, t.DueAt, t.Id }).IsDescending(false, true, true);
            task.HasIndex(t => t.WorkOrderId).HasFilter("work_order_id IS NOT NULL");
            task.HasOne<MaintenancePlan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SparePart>(part =>
        {
            part.ToTable("spare_parts");
            part.HasKey(p => p.Id);
            part.Property(p => p.Code).HasMaxLength(40);
            part.Property(p => p.Name).HasMaxLength(200);
            part.Property(p => p.Unit).HasMaxLength(16);
            part.Property(p => p.ReorderLevel).HasPrecision(18, 3);
            part.Property(p => p.OnHand).HasPrecision(18, 3);
            part.Property(p => p.CreatedBy).HasMaxLength(200);
            part.Property(p => p.Version).IsRowVersion();
            part.HasIndex(p => new { p.EstateId, p.Code }).IsUnique();
            part.HasIndex(p => new { p.EstateId, p.CreatedAt, p.Id }).IsDescending(false, true, true);
        });

        modelBuilder.Entity<StockMovement>(movement =>
        {
            movement.ToTable("stock_movements");
            movement.HasKey(m => m.Id);
            movement.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
            movement.Property(m => m.Quantity).HasPrecision(18, 3);
            movement.Property(m => m.BalanceAfter).HasPrecision(18, 3);
            movement.Property(m => m.Note).HasMaxLength(2000);
            movement.Property(m => m.By).HasMaxLength(200);
            movement.Property(m => m.ByName).HasMaxLength(200);
            // A part's book in order; two writers can never take the same entry.
            movement.HasIndex(m => new { m.PartId, m.Number }).IsUnique();
            // The book newest first: an estate's, a part's.
            movement.HasIndex(m => new { m.EstateId, m.At, m.Id }).IsDescending(false, true, true);
            movement.HasIndex(m => new { m.PartId, m.At, m.Id }).IsDescending(false, true, true);
            // What a work order drew, what corrected a receipt.
            movement.HasIndex(m => new { m.WorkOrderId, m.PartId }).HasFilter("work_order_id IS NOT NULL");
            movement.HasIndex(m => m.CorrectsId).HasFilter("corrects_id IS NOT NULL");
            movement.HasOne<SparePart>().WithMany().HasForeignKey(m => m.PartId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Stocktake>(stocktake =>
        {
            stocktake.ToTable("stocktakes");
            stocktake.HasKey(s => s.Id);
            stocktake.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            stocktake.Property(s => s.OpenedBy).HasMaxLength(200);
            stocktake.Property(s => s.PostedBy).HasMaxLength(200);
            stocktake.Property(s => s.Version).IsRowVersion();
            // One stocktake per estate and month.
            stocktake.HasIndex(s => new { s.EstateId, s.Month }).IsUnique();
            stocktake.OwnsOne(s => s.Deadline, clock =>
            {
                clock.Property(c => c.Policy).HasMaxLength(64);
                clock.HasIndex(c => c.NextCheckAt).HasFilter("deadline_next_check_at IS NOT NULL");
            });
            stocktake.Navigation(s => s.Deadline).IsRequired();
            stocktake.OwnsMany(s => s.Lines, line =>
            {
                line.ToTable("stocktake_lines");
                line.WithOwner().HasForeignKey("StocktakeId");
                line.HasKey("StocktakeId", nameof(StocktakeLine.PartId));
                line.Property(l => l.Counted).HasPrecision(18, 3);
                line.Property(l => l.BookAtPosting).HasPrecision(18, 3);
                line.Property(l => l.Explanation).HasMaxLength(2000);
                line.Property(l => l.CountedBy).HasMaxLength(200);
            });
            stocktake.Navigation(s => s.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<CallbackScore>(score =>
        {
            score.ToTable("callback_scores");
            score.HasKey(s => s.CallbackId);
            score.Property(s => s.CallbackId).ValueGeneratedNever();
            score.Property(s => s.TechnicianName).HasMaxLength(200);
            // The month's scores of an estate.
            score.HasIndex(s => new { s.EstateId, s.CalledAt });
        });

        modelBuilder.Entity<Vendor>(vendor =>
        {
            vendor.ToTable("vendors");
            vendor.HasKey(v => v.Id);
            vendor.Property(v => v.Name).HasMaxLength(200);
            vendor.Property(v => v.ContactName).HasMaxLength(200);
            vendor.Property(v => v.Phone).HasMaxLength(24);
            vendor.Property(v => v.CreatedBy).HasMaxLength(200);
            vendor.HasIndex(v => new { v.EstateId, v.Name }).IsUnique();
            vendor.HasIndex(v => new { v.EstateId, v.CreatedAt, v.Id }).IsDescending(false, true, true);
        });

        modelBuilder.Entity<OutsourcedJob>(job =>
        {
            job.ToTable("outsourced_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Scope).HasMaxLength(4000);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.CreatedBy).HasMaxLength(200);
            job.Property(j => j.AcceptedBy).HasMaxLength(200);
            job.Property(j => j.RejectionReason).HasMaxLength(2000);
            job.Property(j => j.Version).IsRowVersion();
            job.OwnsMany(j => j.Progress, progress =>
            {
                progress.ToTable("outsourced_job_progress");
                progress.WithOwner().HasForeignKey("JobId");
                progress.HasKey("JobId", nameof(JobProgress.Number));
                progress.Property(p => p.Note).HasMaxLength(2000);
                progress.Property(p => p.By).HasMaxLength(200);
            });
            job.Navigation(j => j.Progress).HasField("_progress").UsePropertyAccessMode(PropertyAccessMode.Field);
            job.HasIndex(j => new { j.EstateId, j.CreatedAt, j.Id }).IsDescending(false, true, true);
            job.HasIndex(j => new { j.VendorId, j.CreatedAt });
            job.HasIndex(j => j.WorkOrderId).HasFilter("work_order_id IS NOT NULL");
            job.HasIndex(j => j.PlanTaskId).HasFilter("plan_task_id IS NOT NULL");
            job.HasOne<Vendor>().WithMany().HasForeignKey(j => j.VendorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<VendorReview>(review =>
        {
            review.ToTable("vendor_reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Overall).HasPrecision(5, 1);
            review.Property(r => r.Notes).HasMaxLength(4000);
            review.Property(r => r.ReviewedBy).HasMaxLength(200);
            review.OwnsMany(r => r.Scores, score => score.ToJson("scores"));
            // One review per vendor and quarter.
            review.HasIndex(r => new { r.VendorId, r.Year, r.Quarter }).IsUnique();
            review.HasOne<Vendor>().WithMany().HasForeignKey(r => r.VendorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.ApplyEstateScope(this);
    }
}
