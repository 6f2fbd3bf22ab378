using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> certification)
    {
        certification.ToTable("certifications");
        certification.HasKey(c => c.Id);
        certification.Ignore(c => c.Duty);
        certification.Ignore(c => c.IsRevoked);
        certification.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        certification.Property(c => c.Name).HasMaxLength(50);
        certification.Property(c => c.GrantedBy).HasMaxLength(200);
        certification.Property(c => c.RevokedBy).HasMaxLength(200);
        certification.Property(c => c.RevocationReason).HasMaxLength(500);
        certification.Property(c => c.Version).IsRowVersion();
        certification.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
        // One standing certification per person, estate and duty: a second grant is a renewal.
        certification.HasIndex(c => new { c.StaffId, c.EstateId, c.Kind, c.Name }).IsUnique().HasFilter("revoked_at IS NULL");
        // The daily expiry run and the warning list read standing certifications by their last day.
        certification.HasIndex(c => new { c.EstateId, c.ValidUntil }).HasFilter("revoked_at IS NULL");
        certification.HasIndex(c => new { c.EstateId, c.GrantedAt, c.Id });
    }
}
