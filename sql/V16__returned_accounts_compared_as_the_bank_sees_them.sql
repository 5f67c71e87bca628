-- A flag on a returned account holds while the worker's account is the same account as the bank
-- sees it: bank, branch, type, number and the payee name as the bank file spells it. That
-- spelling is the program's (half-width kana, spaces folded, small kana written large ...), so
-- the comparison is made by the program, which reads returned_account directly. The view compared
-- the stored strings: the same name saved in full-width kana lifted the flag, and the bank line
-- that had bounced was paid again. It goes, so that nothing reads that comparison any more.
drop view returned_account_in_use;
