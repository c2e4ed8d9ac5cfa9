"""package validations; uploaded problem versions

Revision ID: 9e119478d3a0
Revises: 150c9507b411
Create Date: 2026-11-30 07:33:57.172865
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db

revision = "9e119478d3a0"
down_revision = "150c9507b411"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "package_validations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["package_drafts.id"],
            name=op.f("fk_package_validations_draft_id_package_drafts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_package_validations_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_validations")),
    )
    with op.batch_alter_table("package_validations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_package_validations_draft_id"), ["draft_id"], unique=False
        )

    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("uploaded", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.drop_column("uploaded")

    with op.batch_alter_table("package_validations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_validations_draft_id"))

    op.drop_table("package_validations")
