using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CustomerRequestConfiguration : IEntityTypeConfiguration<CustomerRequest>
{
    public void Configure(EntityTypeBuilder<CustomerRequest> request)
    {
        request.ToTable("customer_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Channel).HasConversion<string>().HasMaxLength(32);
        request.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        request.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(32);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        request.Property(r => r.Description).HasMaxLength(4000);
        request.Property(r => r.RequesterName).HasMaxLength(200);
        request.Property(r => r.RequesterPhone).HasMaxLength(32);
        request.Property(r => r.SubmittedBy).HasMaxLength(200);
        request.Property(r => r.Version).IsRowVersion();
        request.Property(r => r.FeedbackNote).HasMaxLength(2000);
        request.Property(r => r.RoutedTo).HasConversion<string>().HasMaxLength(32);
        request.Property(r => r.Assignee).HasMaxLength(200);
        request.Property(r => r.Resolution).HasMaxLength(4000);
        request.Property(r => r.TechnicianName).HasMaxLength(200);
        request.OwnsOne(r => r.Routing, routing =>
        {
            routing.Property(c => c.Policy).HasMaxLength(64);
            // The SLA monitor: clocks whose next step is due.
            routing.HasIndex(c => c.NextCheckAt).HasFilter("routing_next_check_at IS NOT NULL");
        });
        request.OwnsOne(r => r.Feedback, feedback =>
        {
            feedback.Property(c => c.Policy).HasMaxLength(64);
            // Open feedback deadlines, soonest first: what the front desk must answer today.
            feedback.HasIndex(c => new { c.CompletedAt, c.DueAt });
            feedback.HasIndex(c => c.NextCheckAt).HasFilter("feedback_next_check_at IS NOT NULL");
        });
        // The request list: an estate's requests, newest first, keyset-paged.
        request.HasIndex(r => new { r.EstateId, r.ReceivedAt, r.Id }).IsDescending(false, true, true);
        request.HasIndex(r => new { r.EstateId, r.Status, r.ReceivedAt });
        request.HasIndex(r => r.WorkOrderId);
        // The monthly reports: an estate's requests completed in a month.
        request.HasIndex(r => new { r.EstateId, r.CompletedAt });
        // An owner's own requests: by unit.
        request.HasIndex(r => new { r.UnitId, r.ReceivedAt });
        // Work summaries: the requests a clerk recorded.
        request.HasIndex(r => new { r.SubmittedBy, r.ReceivedAt });
    }
}
