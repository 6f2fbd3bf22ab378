using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class PaymentAllocationTests
{
    private static readonly DateTimeOffset Booked = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly OpenItem September = new(Guid.NewGuid(), new(2026, 9, 30), Booked, 100m);
    private static readonly OpenItem October = new(Guid.NewGuid(), new(2026, 10, 31), Booked, 100m);
    private static readonly OpenItem Repair = new(Guid.NewGuid(), new(2026, 10, 15), Booked.AddDays(1), 50m);

    [Fact]
    public void A_payment_settles_the_oldest_open_items_first()
    {
        var (allocations, credit) = PaymentAllocation.Allocate(180m, [October, Repair, September], []);

        allocations.Should().Equal((September.ReceivableId, 100m), (Repair.ReceivableId, 50m), (October.ReceivableId, 30m));
        credit.Should().Be(0m);
    }

    [Fact]
    public void Items_the_payer_names_are_settled_before_older_ones()
    {
        var (allocations, _) = PaymentAllocation.Allocate(120m, [September, October, Repair], [October.ReceivableId]);

        allocations.Should().Equal((October.ReceivableId, 100m), (September.ReceivableId, 20m));
    }

    [Fact]
    public void What_is_paid_beyond_the_open_items_stays_as_credit()
    {
        var (allocations, credit) = PaymentAllocation.Allocate(300m, [September, Repair], []);

        allocations.Sum(a => a.Amount).Should().Be(150m);
        credit.Should().Be(150m);
    }
}
