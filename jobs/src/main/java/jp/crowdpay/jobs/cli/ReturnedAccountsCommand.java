package jp.crowdpay.jobs.cli;

import java.util.concurrent.Callable;
import jp.crowdpay.jobs.returns.ReturnedAccountsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "returned-accounts",
        mixinStandardHelpOptions = true,
        header = "Lists the workers carried forward because a transfer to their account came back.",
        description = "Lists every worker whose bank account is still one a transfer came back from, which the payout carries forward (ACCOUNT_RETURNED) until the account changes: worker id, return date, reason, yen returned and credited, unpaid balance now. No account data is shown. Changes nothing.")
class ReturnedAccountsCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        root.bean(ReturnedAccountsReport.class).print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
