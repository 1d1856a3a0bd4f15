import { Module } from '@nestjs/common';
import { CustomersModule } from './customers.module.js';
import { CustomerController } from './customer/customer.controller.js';
import { CustomerDocumentController } from './document/customer-document.controller.js';
import { CustomerReviewController } from './review/customer-review.controller.js';
import { RiskMatrixController } from './risk/risk-matrix.controller.js';

/** The customers routes (imported by apps/api only). The reviews controller comes first: `/reviews` is not an `:id`. */
@Module({
  imports: [CustomersModule],
  controllers: [CustomerReviewController, RiskMatrixController, CustomerDocumentController, CustomerController],
})
export class CustomersHttpModule {}
