using Moecraft.Journal;
using Moecraft.Ledger;

namespace Moecraft.Tenants;

/// <summary>
/// The tenant's money. The charges are the ledger's lines (a request's line is committed with its answer before the
/// caller is told), so the account here is memory: reservations, and spend as the ledger tells it, restored when the
/// tenant activates. Reserve, settle and release write nothing, which keeps them off the disk on every request; open
/// reservations are written when the tenant deactivates (a crash loses them: their requests are still charged when they
/// settle), and a reservation whose request never finishes is closed against the ledger when its lease runs out.
/// </summary>
public sealed partial class TenantGrain
{
    private BudgetAccount? _account;

    // The budget period whose exhaustion is already in the journal: one entry per period, not one per refused request.
    private DateTimeOffset? _exhaustionJournaled;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Settings is { } settings)
        {
            var now = time.GetUtcNow();
            var period = ToKind(settings.Period);
            var window = BudgetWindow.Containing(period, now);
            // Every line of the last minutes is remembered as finished, so a settle delayed by a failover (sent before this
            // activation, arriving after it) is not counted twice: the sum already holds it.
            var charges = await ledger.GetChargesAsync(TenantId, window.Start, now - ReservationReconciliation.RestoreWindow(lease), ReservationReconciliation.RestoreLimit, cancellationToken);
            var holds = state.State.Reservations.Select(r => new BudgetHold(r.RequestId, r.Amount, r.ReservedAt));
            _account = ReservationReconciliation.Restore(settings, period, window, charges, holds);
        }
        this.RegisterGrainTimer(CloseExpiredAsync, new GrainTimerCreationOptions(lease.CheckEvery, lease.CheckEvery) { Interleave = false });
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Open reservations are written when the tenant deactivates, so a moved or idle tenant still counts them.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Settings is { } settings && _account is { } account
            && (account.Holds.Count > 0 || state.State.Reservations.Count > 0))
            await PersistAsync(settings);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<BudgetReservation> Reserve(string requestId, decimal worstCaseCost)
    {
        var account = Account();
        var now = time.GetUtcNow();
        if (account.FinishedOf(requestId) is not null)
            return Task.FromResult(new BudgetReservation(TenantId, requestId, 0m, now, account.Remaining, Repeated: true));
        var hold = account.TryReserve(requestId, worstCaseCost, now);
        if (hold is null)
        {
            LogBudgetExceeded(logger, TenantId, requestId, worstCaseCost, account.Remaining);
            if (_exhaustionJournaled != account.Window.Start)
            {
                _exhaustionJournaled = account.Window.Start;
                journalist.Record(JournalKinds.BudgetExhausted,
                    $"Tenant '{TenantId}' ran out of budget: {account.Remaining} of {account.Budget} left until {account.Window.End:u}; request '{requestId}' needed up to {worstCaseCost}.");
            }
            throw new BudgetExceededException(TenantId, worstCaseCost, account.Remaining, account.Window.End);
        }
        return Task.FromResult(new BudgetReservation(TenantId, hold.RequestId, hold.Amount, hold.ReservedAt, account.Remaining));
    }

    public Task<BudgetSettlement> Settle(string requestId, decimal actualCost)
    {
        var finished = Account().Settle(requestId, actualCost, time.GetUtcNow());
        if (finished.Charged > finished.Reserved && finished.Reserved > 0) LogOverrun(logger, TenantId, requestId, finished.Reserved, finished.Charged);
        return Task.FromResult(ToSettlement(finished));
    }

    public Task<BudgetSettlement> Release(string requestId) =>
        Task.FromResult(ToSettlement(Account().Release(requestId, time.GetUtcNow())));

    public Task<TenantUsage> GetUsage()
    {
        var settings = RequireSettings();
        var account = Account();
        account.RollOver(time.GetUtcNow());
        return Task.FromResult(new TenantUsage(
            settings.Period, account.Window.Start, account.Window.End, account.Budget, account.Spent, account.Reserved,
            account.Remaining, account.Requests, account.Holds.Count));
    }

    /// <summary>Closes reservations past their lease: charged if the request's answered line is in the ledger, else released with a Failed line.</summary>
    private async Task CloseExpiredAsync(CancellationToken cancellationToken)
    {
        if (_account is not { } account) return;
        foreach (var hold in account.Expired(time.GetUtcNow(), lease.Duration))
        {
            var now = time.GetUtcNow();
            var commit = await ledger.CommitAsync(new Settlement(ReservationReconciliation.ExpiredLine(TenantId, hold, now), null), cancellationToken);
            var finished = ReservationReconciliation.Close(account, hold, commit, now);
            LogReservationExpired(logger, TenantId, hold.RequestId, hold.Amount, finished.Charged, finished.Released);
        }
    }

    private BudgetAccount Account()
    {
        var settings = RequireSettings();
        return _account ??= new BudgetAccount(settings.Budget, ToKind(settings.Period), time.GetUtcNow());
    }

    private BudgetSettlement ToSettlement(FinishedRequest finished) =>
        new(TenantId, finished.RequestId, finished.Reserved, finished.Charged, finished.Released);
}
