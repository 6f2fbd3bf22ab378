using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("attachments");
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.UploadedBy).HasMaxLength(200);
        attachment.Property(a => a.FileName).HasMaxLength(200);
        attachment.Property(a => a.ContentType).HasMaxLength(64);
        attachment.Property(a => a.Version).IsRowVersion();
        attachment.HasOne<CustomerRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
        // A request's photos, in upload order.
        attachment.HasIndex(a => new { a.RequestId, a.UploadedAt }).HasFilter("request_id IS NOT NULL");
        // The cleanup: unclaimed uploads, oldest first.
        attachment.HasIndex(a => a.UploadedAt).HasFilter("request_id IS NULL").HasDatabaseName("ix_attachments_unclaimed");
    }
}
