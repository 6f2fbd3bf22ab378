using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Photos;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.IsUploadedPhoto("attachments");
        attachment.HasOne<CustomerRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
        // A request's photos, in upload order.
        attachment.HasIndex(a => new { a.RequestId, a.UploadedAt }).HasFilter("request_id IS NOT NULL");
    }
}
