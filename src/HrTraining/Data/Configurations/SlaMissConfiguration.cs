using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class SlaMissConfiguration : IEntityTypeConfiguration<SlaMiss>
{
    public void Configure(EntityTypeBuilder<SlaMiss> miss)
    {
        miss.ToTable("sla_misses");
        miss.HasKey(m => m.Id);
        miss.Property(m => m.Id).ValueGeneratedNever();
        miss.Property(m => m.Service).HasMaxLength(64);
        miss.Property(m => m.Subject).HasMaxLength(64);
        miss.Property(m => m.Policy).HasMaxLength(64);
        // One miss per deadline, whichever event carried it.
        miss.HasIndex(m => new { m.Service, m.Subject, m.SubjectId, m.Policy }).IsUnique();
        miss.HasIndex(m => new { m.StaffId, m.BreachedAt });
    }
}
