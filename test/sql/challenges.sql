-- The confirmed challenge that asked for a movement: done when it moves, failed when it is
-- refused, and a challenge that is no longer confirmed (a freeze cancelled it) refuses the
-- movement and keeps its own status.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  c bigint;
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 100);

  c := okpay_test.challenge(alice, 'confirmed');
  SELECT * INTO r FROM okpay_test.post('challenge-1', alice, bob, 10, p_challenge => c);
  ASSERT r.error_code IS NULL, format('%s', r);
  ASSERT (SELECT status FROM challenges WHERE id = c) = 'done', 'a completed movement finishes its challenge';

  c := okpay_test.challenge(alice, 'confirmed');
  SELECT * INTO r FROM okpay_test.post('challenge-2', alice, bob, 1000, p_challenge => c);
  PERFORM okpay_test.assert_refused('challenge-2', 'transfer.insufficient_funds', '{"available": "90", "currency": "CNY"}');
  ASSERT (SELECT status FROM challenges WHERE id = c) = 'failed', 'a refused movement fails its challenge';

  c := okpay_test.challenge(alice, 'cancelled');
  SELECT * INTO r FROM okpay_test.post('challenge-3', alice, bob, 10, p_challenge => c);
  PERFORM okpay_test.assert_refused('challenge-3', 'challenge.cancelled', '{}');
  ASSERT (SELECT status FROM challenges WHERE id = c) = 'cancelled', 'a cancelled challenge stays cancelled';

  c := okpay_test.challenge(alice, 'open');
  SELECT * INTO r FROM okpay_test.post('challenge-4', alice, bob, 10, p_challenge => c);
  PERFORM okpay_test.assert_refused('challenge-4', 'challenge.cancelled', '{}');
  ASSERT (SELECT status FROM challenges WHERE id = c) = 'open', 'an unconfirmed challenge is left as it is';

  -- the challenge is judged first of all, even before a payee that does not exist
  c := okpay_test.challenge(alice, 'cancelled');
  SELECT * INTO r FROM okpay_test.post('challenge-5', alice, -1, 10, p_challenge => c);
  PERFORM okpay_test.assert_refused('challenge-5', 'challenge.cancelled', '{}');

  ASSERT okpay_test.balance(alice) = 90 AND okpay_test.balance(bob) = 10, 'only the first movement moved';
END $$;
