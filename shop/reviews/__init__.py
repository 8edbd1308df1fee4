"""Customer reviews (practices P56, S10): customers rate and review what they bought, shoppers see the
average, the spread and the reviews on the product page, vote on which helped, and read the shop's reply.

Writing: a signed-in customer who bought the product gets a "Verified purchase" badge; any other signed-in
shopper may write too unless `SHOP["reviews_from_buyers_only"]`. One review per customer and product: a
second visit changes the first. Photos are checked and re-encoded by Pillow before they are kept.

Invitations (P53): the survey e-mail sent after delivery carries a signed link per product received
(`review_invitations`). The link opens the form without signing in, since most customers check out as
guests: it proves the purchase. A guest's review has no customer, only the purchase, and the same link
changes it later; an order placed with an account gives that account's review, as if signed in.

Showing: only published reviews. With `SHOP["reviews_need_moderation"]` a review waits for staff; without
it, it shows at once. `Product.rating_average` and `rating_count` (read by every listing) are worked out
again from the published reviews whenever one is published, unpublished, changed or deleted.

Staff (S10): the back office lists reviews waiting for moderation first and marks low ratings without a
reply (shop/admin.py). A review of 2 stars or fewer e-mails the shop at once, through the outbox.

The parts, as in an app: selectors.py (who may review, what the pages show), forms.py, photos.py (checking
and re-encoding them), services.py (writing, moderating, voting, the products' ratings), invitations.py
(the signed links), alerts.py (telling staff about a low rating), views.py.
"""
