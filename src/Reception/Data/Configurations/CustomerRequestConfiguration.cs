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
        request.OwnsOne(r => r.Feedback, feedback =>
        {
            feedback.Property(c => c.Policy).HasMaxLength(64);
            // Open feedback deadlines, soonest first: what the front desk must answer today.
            feedback.HasIndex(c => new { c.CompletedAt, c.DueAt });
        });
        // The request list: an estate's requests, newest first, keyset-paged.
        request.HasIndex(r => new { r.EstateId, r.ReceivedAt, r.Id }).IsDescending(false, true, true);
        request.HasIndex(r => new { r.EstateId, r.Status, r.ReceivedAt });
        request.HasIndex(r => r.WorkOrderId);
        // An owner's own requests: by unit.
        request.HasIndex(r => new { r.UnitId, r.ReceivedAt });
        // Work summaries: the requests a clerk recorded.
        request.HasIndex(r => new { r.SubmittedBy, r.ReceivedAt });
    }
}
